/**
 * The contract every {@link com.techradium.iris.webhook.spi.WebhookStore} must meet: extend {@link
 * com.techradium.iris.testkit.webhook.WebhookStoreContract} and implement {@code newStore(Clock)}.
 */
@NullMarked
package com.techradium.iris.testkit.webhook;

import org.jspecify.annotations.NullMarked;
