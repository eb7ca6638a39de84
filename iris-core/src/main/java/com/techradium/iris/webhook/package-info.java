/**
 * Webhooks: endpoints per tenant, an event catalog with JSON Schemas, Standard Webhooks signing,
 * durable retried delivery through the job queue, auto-disable, delivery history and stats, and the
 * receiver-side {@link com.techradium.iris.webhook.WebhookVerifier}. Start at {@link
 * com.techradium.iris.webhook.WebhookDispatcher}.
 */
@NullMarked
package com.techradium.iris.webhook;

import org.jspecify.annotations.NullMarked;
