package com.techradium.iris.webhook.spi;

import com.techradium.iris.webhook.Endpoint;
import java.util.Objects;

/**
 * An endpoint with its sealed signing keys, as a store holds it.
 *
 * @param endpoint the endpoint
 * @param secrets its sealed keys
 */
public record StoredEndpoint(Endpoint endpoint, SecretRing secrets) {
  /**
   * Creates a {@code StoredEndpoint}, checking its components.
   *
   * @param endpoint the endpoint
   * @param secrets its sealed keys
   */
  public StoredEndpoint {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(secrets, "secrets");
  }
}
