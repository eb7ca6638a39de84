/** The contract every {@link com.techradium.iris.audit.spi.AuditStore} adapter must pass. */
@NullMarked
package com.techradium.iris.testkit.audit;

import org.jspecify.annotations.NullMarked;
