package com.techradium.iris.testkit.webhook;

import com.techradium.iris.webhook.memory.InMemoryWebhookStore;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.time.Clock;

class InMemoryWebhookStoreTest extends WebhookStoreContract {
  private final InMemoryWebhookStore shared = new InMemoryWebhookStore();

  @Override
  protected WebhookStore newStore(Clock clock) {
    return shared;
  }
}
