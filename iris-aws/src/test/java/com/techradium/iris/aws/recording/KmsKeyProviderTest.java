package com.techradium.iris.aws.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.KeyUnavailableException;
import com.techradium.iris.recording.NewRecording;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.RecordingAccess;
import com.techradium.iris.recording.RecordingCipher;
import com.techradium.iris.recording.RecordingVault;
import com.techradium.iris.recording.memory.InMemoryRecordingMetadataStore;
import com.techradium.iris.recording.memory.InMemoryRecordingStore;
import com.techradium.iris.recording.spi.DataKey;
import com.techradium.iris.recording.spi.KeyProvider;
import com.techradium.iris.testkit.recording.KeyProviderContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** {@link KmsKeyProvider} through the real AWS SDK client against a loopback KMS. */
class KmsKeyProviderTest extends KeyProviderContract {
  private static KmsLoopbackServer server;
  private static KmsClient kms;

  @BeforeAll
  static void start() throws Exception {
    server = new KmsLoopbackServer();
    kms =
        KmsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build();
  }

  @AfterAll
  static void stop() {
    kms.close();
    server.close();
  }

  private static KmsKeyProvider provider() {
    return KmsKeyProvider.builder(kms)
        .keyPerTenant(tenant -> "alias/iris-" + tenant.value())
        .throttlingRetries(6, Duration.ofMillis(1), Duration.ofMillis(5))
        .build();
  }

  @Override
  protected KeyProvider newStore(Clock clock) {
    return provider();
  }

  @Override
  protected TenantId tenantWithKey() {
    TenantId tenant = newTenant();
    server.alias("alias/iris-" + tenant.value(), server.createKey());
    return tenant;
  }

  @Override
  protected void rotate(TenantId tenant) {
    server.alias("alias/iris-" + tenant.value(), server.createKey());
  }

  @Test
  void theLoopbackServerEncryptsAndDecryptsThroughTheSdk() {
    String arn = server.createKey();
    byte[] secret = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    SdkBytes blob =
        kms.encrypt(r -> r.keyId(arn).plaintext(SdkBytes.fromByteArray(secret))).ciphertextBlob();

    assertThat(kms.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asByteArray())
        .isEqualTo(secret);
  }

  @Test
  void throttlingIsRetriedWithBackoff() {
    TenantId tenant = tenantWithKey();
    int before = server.calls("GenerateDataKey");
    server.throttleNext(3);

    DataKey key = store().generateDataKey(tenant, RecordingCipher.encryptionContext(tenant));

    assertThat(key.plaintext()).hasSize(32);
    assertThat(server.calls("GenerateDataKey") - before).isEqualTo(4);
  }

  @Test
  void throttlingBeyondTheAttemptsIsAStorageFailure() {
    TenantId tenant = tenantWithKey();
    server.throttleNext(6);

    assertThatThrownBy(
            () -> store().generateDataKey(tenant, RecordingCipher.encryptionContext(tenant)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("ThrottlingException");
    server.throttleNext(0);
  }

  @Test
  void aTenantWithoutAKeyHasNoKey() {
    assertThatThrownBy(
            () ->
                store()
                    .generateDataKey(newTenant(), RecordingCipher.encryptionContext(newTenant())))
        .isInstanceOf(KeyUnavailableException.class);
  }

  @Test
  void aVaultOnKmsStoresStreamsRotatesAndShreds() throws Exception {
    TenantId tenant = tenantWithKey();
    RecordingVault vault =
        RecordingVault.builder()
            .keyProvider(store())
            .store(new InMemoryRecordingStore())
            .metadataStore(new InMemoryRecordingMetadataStore())
            .build();
    byte[] audio = new byte[200_000];
    new Random(1).nextBytes(audio);
    Recording recording =
        vault.store(
            tenant,
            new NewRecording("call", "audio/wav", Duration.ofSeconds(4)),
            new ByteArrayInputStream(audio));
    int generated = server.calls("GenerateDataKey");
    for (int i = 0; i < 20; i++) {
      vault.store(
          tenant,
          new NewRecording("call", "audio/wav", Duration.ofSeconds(4)),
          new ByteArrayInputStream(audio, 0, 100));
    }
    assertThat(server.calls("GenerateDataKey")).isEqualTo(generated);

    rotate(tenant);
    assertThat(vault.rotateAllKeys(tenant).rewrapped()).isEqualTo(21);
    Recording rotated = vault.find(tenant, recording.id()).orElseThrow();
    assertThat(rotated.key().keyId()).isEqualTo(store().currentKeyId(tenant));
    server.deleteKey(recording.key().keyId());
    vault.cipher().evictKeys(tenant);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    vault.stream(tenant, recording.id(), RecordingAccess.user("u", "p"), out);
    assertThat(out.toByteArray()).isEqualTo(audio);

    server.deleteKey(rotated.key().keyId());
    vault.cipher().evictKeys(tenant);
    assertThatThrownBy(
            () ->
                vault.stream(
                    tenant,
                    recording.id(),
                    RecordingAccess.user("u", "p"),
                    new ByteArrayOutputStream()))
        .isInstanceOf(KeyUnavailableException.class);
  }
}
