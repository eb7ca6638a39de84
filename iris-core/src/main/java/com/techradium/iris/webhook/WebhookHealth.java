package com.techradium.iris.webhook;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Deployment-wide state of webhook delivery, across every tenant.
 *
 * @param pendingDeliveries deliveries waiting for an attempt
 * @param oldestPendingSince when the oldest pending delivery was published; null if none
 * @param failingEndpoints enabled endpoints whose last attempt failed
 * @param disabledEndpoints endpoints that are disabled
 */
public record WebhookHealth(
    long pendingDeliveries,
    @Nullable Instant oldestPendingSince,
    long failingEndpoints,
    long disabledEndpoints) {}
