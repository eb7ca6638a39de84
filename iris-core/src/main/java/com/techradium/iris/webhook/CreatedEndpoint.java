package com.techradium.iris.webhook;

import java.util.Objects;

/**
 * A new endpoint and its signing secret, which is shown only here.
 *
 * @param endpoint the endpoint as stored
 * @param secret its signing secret
 */
public record CreatedEndpoint(Endpoint endpoint, EndpointSecret secret) {
  /**
   * Creates a {@code CreatedEndpoint}, checking its components.
   *
   * @param endpoint the endpoint as stored
   * @param secret its signing secret
   */
  public CreatedEndpoint {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(secret, "secret");
  }
}
