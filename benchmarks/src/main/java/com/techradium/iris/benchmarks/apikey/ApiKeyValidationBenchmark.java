package com.techradium.iris.benchmarks.apikey;

import com.techradium.iris.apikey.ApiKeyManager;
import com.techradium.iris.apikey.KeyValidation;
import com.techradium.iris.apikey.NewApiKey;
import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Validating API keys from the in-process cache, on 2 threads: {@link #cachedValidation} (checksum,
 * HMAC-SHA256, one cache lookup, scope and IP checks, usage counted in memory), {@link
 * #checksumRejection} (a key with a wrong checksum: no hash, no lookup), and the floor beside them
 * in the same run, {@link #bareHmacSha256}: the JDK's HMAC-SHA256 of the same key with a
 * thread-local {@link Mac}, which any peppered-hash scheme has to pay. Run in throughput mode and
 * in sample-time mode ({@code -bm sample}) for percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class ApiKeyValidationBenchmark {
  static final byte[] PEPPER =
      "benchmark-pepper-of-32-bytes-!!!".getBytes(StandardCharsets.US_ASCII);

  private ApiKeyManager keys;
  private String key;
  private String badChecksum;
  private final Set<String> required = Set.of("calls:read");

  /** A thread's own MAC for the floor. */
  @State(Scope.Thread)
  public static class ThreadMac {
    Mac mac;

    /** Makes the thread's MAC. */
    @Setup
    public void setUp() throws GeneralSecurityException {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(PEPPER, "HmacSHA256"));
    }
  }

  /** One key with scopes and an allow-list, validated again and again. */
  @Setup
  public void setUp() {
    keys =
        ApiKeyManager.builder()
            .store(new InMemoryApiKeyStore())
            .pepper(PEPPER)
            .cacheTtl(java.time.Duration.ofHours(1))
            .build();
    key =
        keys.create(
                TenantId.of("bench"),
                NewApiKey.of("bench", "u")
                    .withScopes(Set.of("calls:*"))
                    .withAllowedIps(List.of("10.0.0.0/8")),
                "bench")
            .secret()
            .reveal();
    char last = key.charAt(key.length() - 1);
    badChecksum = key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');
    if (!keys.validate(key, "10.1.2.3", required).valid()
        || keys.validate(badChecksum, "10.1.2.3", required).valid()) {
      throw new IllegalStateException("benchmark fixture is wrong");
    }
  }

  /** A valid key, answered from the cache. */
  @Benchmark
  public KeyValidation cachedValidation() {
    return keys.validate(key, "10.1.2.3", required);
  }

  /** A key whose checksum does not match: rejected before hashing. */
  @Benchmark
  public KeyValidation checksumRejection() {
    return keys.validate(badChecksum, "10.1.2.3", required);
  }

  /** The floor: HMAC-SHA256 of the same key and nothing else. */
  @Benchmark
  public byte[] bareHmacSha256(ThreadMac state) {
    return state.mac.doFinal(key.getBytes(StandardCharsets.US_ASCII));
  }
}
