/**
 * The tamper-evident audit trail: {@link com.techradium.iris.audit.AuditLog} records audit,
 * security, data-access and admin events into hash chains held by an {@link
 * com.techradium.iris.audit.spi.AuditStore}, answers queries, verifies the chains, exports them and
 * applies retention.
 */
@NullMarked
package com.techradium.iris.audit;

import org.jspecify.annotations.NullMarked;
