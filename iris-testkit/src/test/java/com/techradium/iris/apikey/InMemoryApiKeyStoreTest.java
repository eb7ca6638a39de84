package com.techradium.iris.apikey;

import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.testkit.apikey.ApiKeyStoreContract;
import java.time.Clock;

/** The in-memory store held to the API key store contract. */
class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {
  @Override
  protected ApiKeyStore newStore(Clock clock) {
    return new InMemoryApiKeyStore();
  }
}
