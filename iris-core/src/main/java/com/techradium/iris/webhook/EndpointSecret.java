package com.techradium.iris.webhook;

import java.util.Objects;

/**
 * An endpoint's signing secret as the receiver needs it: {@code whsec_} followed by the base64 of
 * the key. Returned once, when the endpoint is created or its secret rotated; IRIS keeps it only
 * encrypted. {@link #toString()} hides it.
 *
 * @param value the {@code whsec_...} text to configure in the receiver's {@link WebhookVerifier}
 */
public record EndpointSecret(String value) {
  /**
   * Creates an {@code EndpointSecret}, checking its components.
   *
   * @param value the {@code whsec_...} text to configure in the receiver's {@link WebhookVerifier}
   */
  public EndpointSecret {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "EndpointSecret[whsec_***]";
  }
}
