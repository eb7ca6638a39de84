package com.techradium.iris.webhook.spi;

/**
 * Sends one webhook POST. iris-core has no HTTP client of its own; {@code OkHttpWebhookTransport}
 * in the {@code iris-webhook-okhttp} module is the one IRIS ships.
 *
 * <p>A transport must: apply connect and read timeouts; not follow redirects (a 3xx is a result);
 * check every address it connects to against its {@link AddressPolicy} and the request's allowed
 * networks <em>after</em> resolving the host, refusing the connection otherwise; report network
 * failures as a {@link TransportResult} with an error rather than throwing; keep at most {@link
 * TransportResult#MAX_EXCERPT} characters of the response body. Thread-safe; called concurrently
 * from the delivery threads.
 */
@FunctionalInterface
public interface WebhookTransport {
  /**
   * POSTs {@code request} and reports what came of it.
   *
   * @param request the URL, headers and body to POST
   * @return the response or failure
   */
  TransportResult send(WebhookRequest request);
}
