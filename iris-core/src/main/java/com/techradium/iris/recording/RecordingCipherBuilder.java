package com.techradium.iris.recording;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.recording.spi.KeyProvider;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link RecordingCipher}. Only the key provider is required. Each part can be set
 * once ({@link IllegalStateException} "{@code <part> was already set}"); each setter validates its
 * argument. Building starts nothing and calls no provider. Not thread-safe.
 */
public final class RecordingCipherBuilder {
  /** The default segment size: 64 KiB of plaintext. */
  public static final int DEFAULT_SEGMENT_SIZE = 64 * 1024;

  /** The smallest segment size. */
  public static final int MIN_SEGMENT_SIZE = RecordingHeader.MIN_SEGMENT_SIZE;

  /** The largest segment size. */
  public static final int MAX_SEGMENT_SIZE = RecordingHeader.MAX_SEGMENT_SIZE;

  @Nullable KeyProvider keyProvider;
  int segmentSize = DEFAULT_SEGMENT_SIZE;
  private boolean segmentSizeSet;
  KeyCachePolicy keyCache = KeyCachePolicy.defaults();
  private boolean keyCacheSet;
  private @Nullable IrisContext context;

  RecordingCipherBuilder() {}

  /**
   * The shared context: its clock ages cached keys and its tenant directory is checked on every
   * call. Default: a context on the system clock accepting every tenant.
   *
   * @param context the shared context
   * @return this builder
   */
  public RecordingCipherBuilder context(IrisContext context) {
    this.context = BuilderChecks.setOnce("context", this.context, context);
    return this;
  }

  /**
   * Where data keys come from. Required.
   *
   * @param keyProvider the key provider
   * @return this builder
   */
  public RecordingCipherBuilder keyProvider(KeyProvider keyProvider) {
    this.keyProvider = BuilderChecks.setOnce("keyProvider", this.keyProvider, keyProvider);
    return this;
  }

  /**
   * Plaintext bytes per segment, {@value #MIN_SEGMENT_SIZE} to {@value #MAX_SEGMENT_SIZE}. Default
   * {@value #DEFAULT_SEGMENT_SIZE}: a seek reads at most one segment more than it needs, and each
   * segment adds a 16-byte tag.
   *
   * @param bytes the segment size, in bytes
   * @return this builder
   */
  public RecordingCipherBuilder segmentSize(int bytes) {
    BuilderChecks.inRange("segmentSize", bytes, MIN_SEGMENT_SIZE, MAX_SEGMENT_SIZE);
    segmentSizeSet = BuilderChecks.markSet("segmentSize", segmentSizeSet);
    this.segmentSize = bytes;
    return this;
  }

  /**
   * How data keys are reused. Default {@link KeyCachePolicy#defaults()}.
   *
   * @param policy the policy
   * @return this builder
   */
  public RecordingCipherBuilder keyCache(KeyCachePolicy policy) {
    Objects.requireNonNull(policy, "keyCache");
    keyCacheSet = BuilderChecks.markSet("keyCache", keyCacheSet);
    this.keyCache = policy;
    return this;
  }

  /**
   * The cipher.
   *
   * @return the cipher
   * @throws IllegalStateException if no key provider was given
   */
  public RecordingCipher build() {
    if (keyProvider == null) {
      throw new IllegalStateException("RecordingCipher needs a key provider: .keyProvider(...)");
    }
    return new RecordingCipher(this, context != null ? context : IrisContext.builder().build());
  }
}
