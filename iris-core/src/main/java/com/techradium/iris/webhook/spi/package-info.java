/**
 * For store and transport authors: the {@link com.techradium.iris.webhook.spi.WebhookStore} and
 * {@link com.techradium.iris.webhook.spi.WebhookTransport} ports, the types they take and return,
 * the address rules of the SSRF guard ({@link com.techradium.iris.webhook.spi.AddressPolicy}) and
 * the delivery rules every store and transport share. Hosts need none of it except to pick a
 * transport.
 */
@NullMarked
package com.techradium.iris.webhook.spi;

import org.jspecify.annotations.NullMarked;
