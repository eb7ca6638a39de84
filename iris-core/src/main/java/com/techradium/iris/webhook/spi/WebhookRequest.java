package com.techradium.iris.webhook.spi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One POST a transport makes. The headers include the signed {@code webhook-id}, {@code
 * webhook-timestamp} and {@code webhook-signature}, {@code content-type} and the endpoint's own.
 *
 * @param url where to POST
 * @param headers the request headers
 * @param body the exact bytes that were signed
 * @param allowedCidrs the endpoint's allow-list, to check every resolved address against (empty for
 *     any address the transport's {@link AddressPolicy} permits)
 */
public record WebhookRequest(
    URI url, Map<String, String> headers, byte[] body, List<Cidr> allowedCidrs) {
  /**
   * Creates a {@code WebhookRequest}, checking its components and copying its collections.
   *
   * @param url where to POST
   * @param headers the request headers
   * @param body the exact bytes that were signed
   * @param allowedCidrs the endpoint's allow-list, to check every resolved address against (empty
   *     for any address the transport's {@link AddressPolicy} permits)
   */
  public WebhookRequest {
    Objects.requireNonNull(url, "url");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    allowedCidrs = List.copyOf(allowedCidrs);
  }

  @Override
  public String toString() {
    return "WebhookRequest[url=" + url + ", " + body.length + " bytes]";
  }
}
