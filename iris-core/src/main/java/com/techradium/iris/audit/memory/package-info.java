/**
 * The in-memory {@link com.techradium.iris.audit.spi.AuditStore}, for tests, demos and embedding.
 */
@NullMarked
package com.techradium.iris.audit.memory;

import org.jspecify.annotations.NullMarked;
