package com.techradium.iris.aws.recording;

import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TamperedDataException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.KeyUnavailableException;
import com.techradium.iris.recording.spi.DataKey;
import com.techradium.iris.recording.spi.KeyProvider;
import com.techradium.iris.recording.spi.WrappedKey;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.ReEncryptResponse;

/**
 * The {@link KeyProvider} on AWS KMS: each tenant's data keys are generated and wrapped by a KMS
 * key of its own, named by a function of the tenant (a key ARN, or an alias such as {@code
 * alias/iris-recordings-<tenant>}), with the encryption context bound to every wrapped key. The
 * plaintext data key leaves KMS only in {@code GenerateDataKey} and {@code Decrypt}; key rotation
 * uses {@code ReEncrypt}, so it never does.
 *
 * <pre>{@code
 * KmsKeyProvider keys = KmsKeyProvider.builder(kms)
 *     .keyPerTenant(tenant -> "alias/iris-recordings-" + tenant.value())
 *     .build();
 * }</pre>
 *
 * <p><b>Rotation</b>: point the tenant's alias at a new key (or use KMS automatic rotation, which
 * keeps the key ARN and needs no re-wrap); {@link #currentKeyId} resolves the alias to the key ARN
 * recordings are compared against. <b>Crypto-shredding</b>: schedule deletion of the tenant's key;
 * once deleted, none of its recordings can be decrypted.
 *
 * <p><b>Throttling</b>: the client's own retries run first; a throttling error that survives them
 * ({@code ThrottlingException}, {@code LimitExceededException}, HTTP 429) is retried here up to
 * {@code maxAttempts} times with exponential backoff and full jitter. Key caching in the cipher
 * ({@code KeyCachePolicy}) keeps the call rate far below the recording rate.
 *
 * <p>Thread-safe. The client is the host's and is never closed here.
 */
public final class KmsKeyProvider implements KeyProvider {
  /** This provider's id in recording headers. */
  public static final String ID = "aws-kms";

  private final KmsClient kms;
  private final Function<TenantId, String> keyFor;
  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;

  private KmsKeyProvider(Builder builder) {
    this.kms = builder.kms;
    this.keyFor = Objects.requireNonNull(builder.keyFor);
    this.maxAttempts = builder.maxAttempts;
    this.baseDelay = builder.baseDelay;
    this.maxDelay = builder.maxDelay;
  }

  /**
   * Starts configuring a provider over a host-owned client.
   *
   * @param kms the host's KMS client, with its region and credentials; never closed here
   * @return a builder; {@link Builder#keyPerTenant} is required
   * @throws NullPointerException if {@code kms} is null
   */
  public static Builder builder(KmsClient kms) {
    return new Builder(Objects.requireNonNull(kms, "kms"));
  }

  @Override
  public String id() {
    return ID;
  }

  private String keyOf(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    String key = keyFor.apply(tenant);
    if (key == null || key.isBlank()) {
      throw new KeyUnavailableException("no KMS key is configured for tenant " + tenant);
    }
    return key;
  }

  @Override
  public DataKey generateDataKey(TenantId tenant, Map<String, String> context) {
    String key = keyOf(tenant);
    GenerateDataKeyResponse response =
        call(
            "GenerateDataKey",
            key,
            () ->
                kms.generateDataKey(
                    r -> r.keyId(key).keySpec(DataKeySpec.AES_256).encryptionContext(context)));
    byte[] plaintext = response.plaintext().asByteArray();
    try {
      return new DataKey(
          plaintext, new WrappedKey(response.keyId(), response.ciphertextBlob().asByteArray()));
    } finally {
      java.util.Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public byte[] unwrap(TenantId tenant, WrappedKey key, Map<String, String> context) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    DecryptResponse response =
        call(
            "Decrypt",
            key.keyId(),
            () ->
                kms.decrypt(
                    r ->
                        r.keyId(key.keyId())
                            .ciphertextBlob(SdkBytes.fromByteArray(key.ciphertext()))
                            .encryptionContext(context)));
    return response.plaintext().asByteArray();
  }

  @Override
  public WrappedKey rewrap(TenantId tenant, WrappedKey key, Map<String, String> context) {
    Objects.requireNonNull(key, "key");
    String destination = keyOf(tenant);
    ReEncryptResponse response =
        call(
            "ReEncrypt",
            key.keyId(),
            () ->
                kms.reEncrypt(
                    r ->
                        r.ciphertextBlob(SdkBytes.fromByteArray(key.ciphertext()))
                            .sourceKeyId(key.keyId())
                            .sourceEncryptionContext(context)
                            .destinationKeyId(destination)
                            .destinationEncryptionContext(context)));
    return new WrappedKey(response.keyId(), response.ciphertextBlob().asByteArray());
  }

  /** The ARN of the tenant's key, resolving an alias with {@code DescribeKey}. */
  @Override
  public String currentKeyId(TenantId tenant) {
    String key = keyOf(tenant);
    return call("DescribeKey", key, () -> kms.describeKey(r -> r.keyId(key))).keyMetadata().arn();
  }

  private <T> T call(String operation, String keyId, Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (InvalidCiphertextException | IncorrectKeyException e) {
        throw new TamperedDataException(
            "KMS refused the wrapped data key (" + e.awsErrorDetails().errorCode() + ")", e);
      } catch (NotFoundException | DisabledException | KmsInvalidStateException e) {
        throw new KeyUnavailableException(
            "KMS key " + keyId + " is not usable (" + e.awsErrorDetails().errorCode() + ")", e);
      } catch (KmsException e) {
        if (throttled(e) && attempt < maxAttempts) {
          pause(attempt);
          continue;
        }
        if (e.statusCode() == 400 && "AccessDeniedException".equals(code(e))) {
          throw new KeyUnavailableException("KMS denied " + operation + " on " + keyId, e);
        }
        throw new StorageException("KMS " + operation + " failed: " + code(e), e);
      } catch (SdkException e) {
        throw new StorageException("KMS " + operation + " failed", e);
      }
    }
  }

  private static String code(KmsException e) {
    return e.awsErrorDetails() == null
        ? String.valueOf(e.statusCode())
        : e.awsErrorDetails().errorCode();
  }

  private static boolean throttled(KmsException e) {
    String code = code(e);
    return e.isThrottlingException()
        || e.statusCode() == 429
        || "ThrottlingException".equals(code)
        || "LimitExceededException".equals(code);
  }

  private void pause(int attempt) {
    long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    long millis = ThreadLocalRandom.current().nextLong(ceiling + 1);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while backing off from KMS throttling", e);
    }
  }

  @Override
  public String toString() {
    return "KmsKeyProvider[maxAttempts=" + maxAttempts + "]";
  }

  /** Configures a {@link KmsKeyProvider}. Each part can be set once. Not thread-safe. */
  public static final class Builder {
    private final KmsClient kms;
    private @Nullable Function<TenantId, String> keyFor;
    private int maxAttempts = 6;
    private Duration baseDelay = Duration.ofMillis(50);
    private Duration maxDelay = Duration.ofSeconds(2);
    private boolean keySet;
    private boolean retriesSet;

    private Builder(KmsClient kms) {
      this.kms = kms;
    }

    /**
     * The KMS key (ARN, id or alias) of each tenant. Required.
     *
     * @param keyFor the key of a tenant, called on every key operation; a null or blank answer
     *     makes that operation a {@link com.techradium.iris.recording.KeyUnavailableException}
     * @return this builder
     * @throws NullPointerException if {@code keyFor} is null
     * @throws IllegalStateException if the keys were already set
     */
    public Builder keyPerTenant(Function<TenantId, String> keyFor) {
      if (keySet) {
        throw new IllegalStateException("keyPerTenant was already set");
      }
      keySet = true;
      this.keyFor = Objects.requireNonNull(keyFor, "keyFor");
      return this;
    }

    /**
     * Retries of throttled calls: at most {@code maxAttempts} (1 to 20) in all, waiting a random
     * time up to {@code baseDelay * 2^(attempt-1)}, capped at {@code maxDelay}. Default 6 attempts,
     * 50 ms, 2 s.
     *
     * @param maxAttempts attempts in all, the first included: 1 (no retry) to 20
     * @param baseDelay the longest wait before the first retry, zero or more
     * @param maxDelay the longest wait before any retry, at least {@code baseDelay}
     * @return this builder
     * @throws NullPointerException if a delay is null
     * @throws IllegalArgumentException if {@code maxAttempts} is outside 1 to 20, {@code baseDelay}
     *     is negative or {@code maxDelay} is below it
     * @throws IllegalStateException if the retries were already set
     */
    public Builder throttlingRetries(int maxAttempts, Duration baseDelay, Duration maxDelay) {
      if (retriesSet) {
        throw new IllegalStateException("throttlingRetries was already set");
      }
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new IllegalArgumentException(
            "maxAttempts must be between 1 and 20, got " + maxAttempts);
      }
      Objects.requireNonNull(baseDelay, "baseDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException("delays must satisfy 0 <= baseDelay <= maxDelay");
      }
      retriesSet = true;
      this.maxAttempts = maxAttempts;
      this.baseDelay = baseDelay;
      this.maxDelay = maxDelay;
      return this;
    }

    /**
     * Builds the provider.
     *
     * @return a new provider, thread-safe as the client is
     * @throws IllegalStateException without {@link #keyPerTenant}
     */
    public KmsKeyProvider build() {
      if (!keySet) {
        throw new IllegalStateException("KmsKeyProvider needs keyPerTenant(...)");
      }
      return new KmsKeyProvider(this);
    }
  }
}
