/**
 * The recording adapters on AWS: {@link com.techradium.iris.aws.recording.KmsKeyProvider} (a KMS
 * key or alias per tenant) and {@link com.techradium.iris.aws.recording.S3RecordingStore}
 * (multipart uploads streamed while encrypting, ranged GETs).
 */
@NullMarked
package com.techradium.iris.aws.recording;

import org.jspecify.annotations.NullMarked;
