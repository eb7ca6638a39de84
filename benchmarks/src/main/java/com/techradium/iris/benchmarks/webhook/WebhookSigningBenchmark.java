package com.techradium.iris.benchmarks.webhook;

import com.techradium.iris.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signatures per second for a 1 KiB body: IRIS's {@link WebhookSigner} (Standard Webhooks header
 * text included: {@code v1,} and base64) beside a bare JDK {@code Mac} computing the same
 * HMAC-SHA256 over {@code id.timestamp.body} and base64-encoding it. No Standard Webhooks Java
 * library was available from the registry, so the bare JDK is the peer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Thread)
public class WebhookSigningBenchmark {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_2f1c6a0e-6d3b-7a51-9a0b-3c1d5e7f9a21";
  private static final long TIMESTAMP = 1_767_225_600L;

  private byte[] body;
  private WebhookSigner signer;
  private Mac mac;

  @Setup
  public void setUp() throws Exception {
    body = new byte[1024];
    Arrays.fill(body, (byte) 'a');
    signer = WebhookSigner.of(List.of(SECRET));
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
  }

  @Benchmark
  public String iris() {
    return signer.sign(ID, TIMESTAMP, body);
  }

  @Benchmark
  public String bareJdkMac() {
    mac.update((ID + "." + TIMESTAMP + ".").getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
  }
}
