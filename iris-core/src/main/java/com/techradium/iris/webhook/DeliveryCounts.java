package com.techradium.iris.webhook;

/**
 * Delivery attempts a dispatcher has made since it was built, over every tenant, counted in this
 * JVM (each node counts its own; a restart starts from zero). An attempt is one call of the
 * transport by a delivery job, whatever came of it; {@link WebhookDispatcher#sendTest test pings}
 * are not deliveries and are not counted.
 *
 * @param attempts delivery attempts made
 * @param failedAttempts those that did not succeed (an error status, a timeout, no connection)
 */
public record DeliveryCounts(long attempts, long failedAttempts) {}
