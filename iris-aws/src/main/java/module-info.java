/**
 * IRIS on AWS: {@code KmsKeyProvider} and {@code S3RecordingStore} for recordings, on the host's
 * own AWS SDK v2 clients.
 *
 * <p>The SDK's {@code KmsClient} and {@code S3Client} appear in the API, so a module that requires
 * this one reads those SDK modules too.
 */
module com.techradium.iris.aws {
  requires transitive com.techradium.iris.core;
  requires transitive software.amazon.awssdk.services.kms;
  requires transitive software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;

  exports com.techradium.iris.aws.recording;
}
