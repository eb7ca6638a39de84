package com.techradium.iris.webhook.spi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What came of one POST. A transport reports network failures (refused, reset, timed out, refused
 * by the SSRF guard) as a result with an {@code error}, not as an exception.
 *
 * @param statusCode the HTTP status; null if no response was received
 * @param latencyMillis from the start of the call to the end of the response or the failure
 * @param error why no response was received, or a short note on a redirect not followed; null
 *     otherwise
 * @param bodyExcerpt the start of the response body, at most {@link #MAX_EXCERPT} characters; null
 *     if none
 * @param retryAfter the {@code Retry-After} of a 429 or 503, if it gave one
 */
public record TransportResult(
    @Nullable Integer statusCode,
    long latencyMillis,
    @Nullable String error,
    @Nullable String bodyExcerpt,
    @Nullable Duration retryAfter) {
  /** The longest body excerpt kept. */
  public static final int MAX_EXCERPT = 1024;

  /**
   * Creates a {@code TransportResult}.
   *
   * @param statusCode the HTTP status; null if no response was received
   * @param latencyMillis from the start of the call to the end of the response or the failure
   * @param error why no response was received, or a short note on a redirect not followed; null
   *     otherwise
   * @param bodyExcerpt the start of the response body, at most {@link #MAX_EXCERPT} characters;
   *     null if none
   * @param retryAfter the {@code Retry-After} of a 429 or 503, if it gave one
   */
  public TransportResult {
    if (bodyExcerpt != null && bodyExcerpt.length() > MAX_EXCERPT) {
      bodyExcerpt = bodyExcerpt.substring(0, MAX_EXCERPT);
    }
  }

  /**
   * A failure before any response.
   *
   * @param error why no response was received
   * @param latencyMillis how long the call took until it failed
   * @return the result
   */
  public static TransportResult failed(String error, long latencyMillis) {
    return new TransportResult(null, latencyMillis, error, null, null);
  }

  /**
   * Whether the endpoint answered 2xx.
   *
   * @return true for a 2xx status
   */
  public boolean succeeded() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }
}
