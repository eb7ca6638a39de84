/**
 * The webhook dispatcher's PostgreSQL store, {@link
 * com.techradium.iris.jdbc.webhook.JdbcWebhookStore}.
 */
@NullMarked
package com.techradium.iris.jdbc.webhook;

import org.jspecify.annotations.NullMarked;
