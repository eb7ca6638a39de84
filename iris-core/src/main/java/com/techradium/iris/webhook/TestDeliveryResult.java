package com.techradium.iris.webhook;

import org.jspecify.annotations.Nullable;

/**
 * The result of a synchronous {@code test.ping} to an endpoint (not stored).
 *
 * @param succeeded whether the endpoint answered 2xx
 * @param statusCode the HTTP status; null if none was received
 * @param latencyMillis how long it took
 * @param error why it failed; null if it succeeded
 * @param responseExcerpt the start of the response body; null if none
 */
public record TestDeliveryResult(
    boolean succeeded,
    @Nullable Integer statusCode,
    long latencyMillis,
    @Nullable String error,
    @Nullable String responseExcerpt) {}
