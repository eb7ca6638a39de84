package com.techradium.iris.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a received webhook as the Standard Webhooks specification says, for the host's
 * receivers: the {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}
 * headers, a timestamp within ±5 minutes of now (configurable), and at least one {@code v1}
 * signature matching one of the configured secrets, compared in constant time. Interoperable with
 * the other Standard Webhooks libraries in both directions.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of("whsec_...");            // several during rotation
 * verifier.verify(body, name -> request.getHeader(name));                // throws if not authentic
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookVerifier {
  /** The default tolerance between the sender's timestamp and the receiver's clock. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final List<WebhookSigner> signers;
  private final Duration tolerance;
  private final Clock clock;

  private WebhookVerifier(List<WebhookSigner> signers, Duration tolerance, Clock clock) {
    this.signers = signers;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * A verifier accepting signatures by any of {@code secrets} ({@code whsec_<base64>}).
   *
   * @param secrets the secrets to accept
   * @return the verifier, with a 5-minute tolerance and the system clock
   * @throws IllegalArgumentException if a secret is malformed (named by position)
   */
  public static WebhookVerifier of(String... secrets) {
    return of(List.of(secrets), DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /**
   * A verifier with its own tolerance and clock.
   *
   * @param secrets the secrets to accept
   * @param tolerance how far the {@code webhook-timestamp} may be from the clock
   * @param clock the clock to compare timestamps with
   * @return the verifier
   */
  public static WebhookVerifier of(List<String> secrets, Duration tolerance, Clock clock) {
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(tolerance, "tolerance");
    Objects.requireNonNull(clock, "clock");
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("secrets must not be empty");
    }
    List<WebhookSigner> signers = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      signers.add(
          WebhookSigner.ofKeys(
              List.of(WebhookSigner.decode(secrets.get(i), "secrets[" + i + "]"))));
    }
    return new WebhookVerifier(List.copyOf(signers), tolerance, clock);
  }

  /**
   * Checks a received webhook.
   *
   * @param body the raw request body, exactly as received
   * @param header the request's header of a given (lower-case) name, or null if absent
   * @throws WebhookVerificationException if it is not authentic or too old
   */
  public void verify(byte[] body, Function<String, @Nullable String> header) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(header, "header");
    String id = required(header, "webhook-id");
    String timestamp = required(header, "webhook-timestamp");
    String signatures = required(header, "webhook-signature");
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException("webhook-timestamp is not a number of seconds");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > tolerance.toSeconds()) {
      throw new WebhookVerificationException("webhook-timestamp is outside the tolerance");
    }
    List<byte[]> expected = new ArrayList<>(signers.size());
    for (WebhookSigner signer : signers) {
      String sig = signer.sign(id, seconds, body);
      expected.add(sig.substring(3).getBytes(StandardCharsets.US_ASCII));
    }
    boolean matched = false;
    for (String part : signatures.trim().split(" +")) {
      int comma = part.indexOf(',');
      if (comma < 0 || !part.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given = part.substring(comma + 1).getBytes(StandardCharsets.US_ASCII);
      for (byte[] candidate : expected) {
        matched |= MessageDigest.isEqual(candidate, given);
      }
    }
    if (!matched) {
      throw new WebhookVerificationException("no webhook-signature matches");
    }
  }

  /**
   * {@link #verify(byte[], Function)} with the headers as a map (names in any case).
   *
   * @param body the request body, as received
   * @param headers the request headers
   * @throws WebhookVerificationException if the webhook is not authentic or not fresh
   */
  public void verify(byte[] body, Map<String, String> headers) {
    Objects.requireNonNull(headers, "headers");
    verify(
        body,
        name ->
            headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null));
  }

  /**
   * Whether the webhook is authentic and fresh; {@link #verify} says why not.
   *
   * @param body the request body, as received
   * @param headers the request headers
   * @return true if the webhook verifies
   */
  public boolean isValid(byte[] body, Map<String, String> headers) {
    try {
      verify(body, headers);
      return true;
    } catch (WebhookVerificationException e) {
      return false;
    }
  }

  private static String required(Function<String, @Nullable String> header, String name) {
    String value = header.apply(name);
    if (value == null || value.isBlank()) {
      throw new WebhookVerificationException(name + " header is missing");
    }
    return value;
  }

  @Override
  public String toString() {
    return "WebhookVerifier[" + signers.size() + " secret(s), tolerance=" + tolerance + "]";
  }
}
