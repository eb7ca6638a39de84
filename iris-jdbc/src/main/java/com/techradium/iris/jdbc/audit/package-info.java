/** The PostgreSQL {@link com.techradium.iris.audit.spi.AuditStore}. */
@NullMarked
package com.techradium.iris.jdbc.audit;

import org.jspecify.annotations.NullMarked;
