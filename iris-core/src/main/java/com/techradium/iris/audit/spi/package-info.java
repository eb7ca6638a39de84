/**
 * For store authors: the {@link com.techradium.iris.audit.spi.AuditStore} port, the records it
 * stores and reads, and the hash-chain encoding every store must apply ({@link
 * com.techradium.iris.audit.spi.AuditChain}). Hosts need none of it to use {@code AuditLog}.
 */
@NullMarked
package com.techradium.iris.audit.spi;

import org.jspecify.annotations.NullMarked;
