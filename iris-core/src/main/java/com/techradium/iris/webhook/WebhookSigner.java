package com.techradium.iris.webhook;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Signs webhook messages as the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>
 * specification says: HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>} with the key
 * decoded from a {@code whsec_<base64>} secret, sent as {@code v1,<base64 signature>}; with several
 * secrets (during a rotation) one signature per secret, separated by spaces.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.of(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
 * String header = signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);   // "v1,g0hM..."
 * }</pre>
 *
 * <p>Immutable and thread-safe; it keeps the keys, so do not log it ({@link #toString()} does not
 * show them).
 */
public final class WebhookSigner {
  /** The prefix of a secret. */
  public static final String SECRET_PREFIX = "whsec_";

  /** Key length of generated secrets, in bytes. */
  public static final int SECRET_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<HmacSha256> keys;

  private WebhookSigner(List<byte[]> rawKeys) {
    List<HmacSha256> made = new ArrayList<>(rawKeys.size());
    for (byte[] key : rawKeys) {
      made.add(new HmacSha256(key));
    }
    this.keys = List.copyOf(made);
  }

  /**
   * A signer for one or more secrets, each {@code whsec_} + base64 (the prefix may be left out, as
   * the reference libraries allow).
   *
   * @param secrets the secrets to sign with
   * @return the signer
   * @throws IllegalArgumentException naming the position of a secret that is not valid base64 or is
   *     shorter than 16 bytes; the secret itself is never in the message
   */
  public static WebhookSigner of(List<String> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("secrets must not be empty");
    }
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      keys.add(decode(secrets.get(i), "secrets[" + i + "]"));
    }
    return new WebhookSigner(keys);
  }

  /** A signer over raw keys (already decoded), for the dispatcher. */
  static WebhookSigner ofKeys(List<byte[]> rawKeys) {
    return new WebhookSigner(rawKeys);
  }

  /**
   * A new random secret of {@value #SECRET_BYTES} bytes, as {@code whsec_<base64>}.
   *
   * @return the secret
   */
  public static String newSecret() {
    byte[] key = new byte[SECRET_BYTES];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /**
   * The key of a {@code whsec_} secret.
   *
   * @param secret the secret, with or without the {@code whsec_} prefix
   * @param what what the secret is, for error messages
   * @return the key bytes
   * @throws IllegalArgumentException if it is not base64 or shorter than 16 bytes (the message
   *     names {@code what}, never the secret)
   */
  public static byte[] decode(String secret, String what) {
    Objects.requireNonNull(secret, what);
    String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(6) : secret;
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " must be whsec_ followed by base64");
    }
    if (key.length < 16 || key.length > 64) {
      throw new IllegalArgumentException(what + " must hold 16 to 64 bytes of key");
    }
    return key;
  }

  /**
   * The {@code webhook-signature} header for one message: {@code v1,<sig>} per secret, separated by
   * spaces.
   *
   * @param messageId the {@code webhook-id} header
   * @param timestampSeconds the {@code webhook-timestamp} header, in epoch seconds
   * @param body the request body
   * @return the header value
   */
  public String sign(String messageId, long timestampSeconds, byte[] body) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(body, "body");
    byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder(48 * keys.size());
    for (HmacSha256 key : keys) {
      if (header.length() > 0) {
        header.append(' ');
      }
      header.append("v1,").append(Base64.getEncoder().encodeToString(key.mac(prefix, body)));
    }
    return header.toString();
  }

  @Override
  public String toString() {
    return "WebhookSigner[" + keys.size() + " key(s)]";
  }
}
