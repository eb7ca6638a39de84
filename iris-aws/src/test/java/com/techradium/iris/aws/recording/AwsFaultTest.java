package com.techradium.iris.aws.recording;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.RecordingCipher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/** A key service or object store that cannot be reached is a {@link StorageException}. */
class AwsFaultTest {
  private static final TenantId ACME = TenantId.of("acme");

  /** A loopback address where nothing listens. */
  private static URI deadEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  @Test
  void anUnreachableKmsIsAStorageFailureWithItsCause() throws IOException {
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(deadEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build()) {
      KmsKeyProvider keys =
          KmsKeyProvider.builder(kms)
              .keyPerTenant(t -> "alias/" + t.value())
              .throttlingRetries(1, Duration.ZERO, Duration.ZERO)
              .build();

      assertThatThrownBy(() -> keys.generateDataKey(ACME, RecordingCipher.encryptionContext(ACME)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("GenerateDataKey")
          .hasCauseInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
    }
  }

  @Test
  void anUnreachableS3IsAStorageFailureWithItsCause() throws IOException {
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(deadEndpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
            .build()) {
      S3RecordingStore store = S3RecordingStore.builder(s3, "bucket").build();

      assertThatThrownBy(() -> store.size(ACME, "r1"))
          .isInstanceOf(StorageException.class)
          .hasCauseInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
      assertThatThrownBy(() -> store.read(ACME, "r1", 0, 10)).isInstanceOf(StorageException.class);
    }
  }

  @Test
  void theBuildersCheckTheirParts() {
    try (KmsClient kms = KmsClient.builder().region(Region.US_EAST_1).build()) {
      assertThatThrownBy(() -> KmsKeyProvider.builder(kms).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("keyPerTenant");
      assertThatThrownBy(
              () ->
                  KmsKeyProvider.builder(kms)
                      .throttlingRetries(0, Duration.ofMillis(1), Duration.ofMillis(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxAttempts must be between 1 and 20, got 0");
    }
  }
}
