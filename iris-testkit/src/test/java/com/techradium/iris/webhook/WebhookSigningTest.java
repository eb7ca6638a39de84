package com.techradium.iris.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSigningTest {
  // The test vector published with the Standard Webhooks reference libraries.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private final MutableClock clock = MutableClock.at(Instant.ofEpochSecond(TIMESTAMP));

  private Map<String, String> headers(String signature) {
    return Map.of(
        "webhook-id", ID,
        "webhook-timestamp", Long.toString(TIMESTAMP),
        "webhook-signature", signature);
  }

  private WebhookVerifier verifier(String... secrets) {
    return WebhookVerifier.of(List.of(secrets), WebhookVerifier.DEFAULT_TOLERANCE, clock);
  }

  @Test
  void signingReproducesTheSpecificationsTestVector() {
    assertThat(WebhookSigner.of(List.of(SECRET)).sign(ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
  }

  @Test
  void theSecretPrefixIsOptionalAsInTheReferenceLibraries() {
    assertThat(WebhookSigner.of(List.of(SECRET.substring(6))).sign(ID, TIMESTAMP, BODY))
        .isEqualTo(EXPECTED);
  }

  @Test
  void signingAgreesWithABareJdkHmac() throws Exception {
    String secret = WebhookSigner.newSecret();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    String expected =
        "v1,"
            + Base64.getEncoder()
                .encodeToString(
                    mac.doFinal(
                        ("msg_1.1700000000." + new String(BODY, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8)));

    assertThat(WebhookSigner.of(List.of(secret)).sign("msg_1", 1_700_000_000, BODY))
        .isEqualTo(expected);
  }

  @Test
  void twoSecretsGiveTwoSignaturesSeparatedByASpace() {
    String other = WebhookSigner.newSecret();
    String header = WebhookSigner.of(List.of(other, SECRET)).sign(ID, TIMESTAMP, BODY);

    assertThat(header.split(" ")).hasSize(2).endsWith(EXPECTED);
  }

  @Test
  void theVerifierAcceptsTheTestVector() {
    verifier(SECRET).verify(BODY, headers(EXPECTED));
    assertThat(verifier(SECRET).isValid(BODY, headers("v1,bm9wZQ== " + EXPECTED))).isTrue();
  }

  @Test
  void theVerifierAcceptsAnyOfSeveralSecrets() {
    assertThat(verifier(WebhookSigner.newSecret(), SECRET).isValid(BODY, headers(EXPECTED)))
        .isTrue();
  }

  @Test
  void aChangedBodyIdOrTimestampFailsVerification() {
    WebhookVerifier verifier = verifier(SECRET);
    byte[] changed = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

    assertThat(verifier.isValid(changed, headers(EXPECTED))).isFalse();
    assertThatThrownBy(
            () ->
                verifier.verify(
                    BODY,
                    Map.of(
                        "webhook-id",
                        "msg_other",
                        "webhook-timestamp",
                        Long.toString(TIMESTAMP),
                        "webhook-signature",
                        EXPECTED)))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessage("no webhook-signature matches");
  }

  @Test
  void aWrongSecretOrAnUnknownVersionFailsVerification() {
    assertThat(verifier(WebhookSigner.newSecret()).isValid(BODY, headers(EXPECTED))).isFalse();
    assertThat(verifier(SECRET).isValid(BODY, headers("v2," + EXPECTED.substring(3)))).isFalse();
  }

  @Test
  void aTimestampOutsideFiveMinutesIsRefusedEitherWay() {
    WebhookVerifier verifier = verifier(SECRET);
    clock.advance(Duration.ofMinutes(5));
    assertThat(verifier.isValid(BODY, headers(EXPECTED))).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> verifier.verify(BODY, headers(EXPECTED)))
        .hasMessage("webhook-timestamp is outside the tolerance");
    clock.set(Instant.ofEpochSecond(TIMESTAMP).minus(Duration.ofMinutes(6)));
    assertThat(verifier.isValid(BODY, headers(EXPECTED))).isFalse();
  }

  @Test
  void missingHeadersAreNamed() {
    assertThatThrownBy(() -> verifier(SECRET).verify(BODY, Map.of("webhook-id", ID)))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessage("webhook-timestamp header is missing");
  }

  @Test
  void aMalformedSecretIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> WebhookVerifier.of("whsec_not base64!!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secrets[0] must be whsec_ followed by base64")
        .hasMessageNotContaining("not base64!!");
    assertThat(WebhookSigner.of(List.of(SECRET)).toString()).doesNotContain("MfKQ");
  }
}
