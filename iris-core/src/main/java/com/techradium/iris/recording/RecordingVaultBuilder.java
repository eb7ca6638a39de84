package com.techradium.iris.recording;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.recording.spi.KeyProvider;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import com.techradium.iris.recording.spi.RecordingStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link RecordingVault}. The key provider, the recording store and the metadata store
 * are required. Each part can be set once ({@link IllegalStateException} "{@code <part> was already
 * set}"); each setter validates its argument. Building writes nothing, calls no provider and starts
 * no thread. Not thread-safe.
 */
public final class RecordingVaultBuilder {
  @Nullable KeyProvider keyProvider;
  @Nullable RecordingStore store;
  @Nullable RecordingMetadataStore metadataStore;
  private @Nullable IrisContext context;
  private @Nullable Integer segmentSize;
  private @Nullable KeyCachePolicy keyCache;

  RecordingVaultBuilder() {}

  /**
   * The shared context: clock, tenant directory, UUIDv7 ids and the events the audit log records.
   * Default: a private context on the system clock accepting every tenant (accesses then reach no
   * audit log).
   *
   * @param context the shared context
   * @return this builder
   */
  public RecordingVaultBuilder context(IrisContext context) {
    this.context = BuilderChecks.setOnce("context", this.context, context);
    return this;
  }

  /**
   * Where data keys come from. Required.
   *
   * @param keyProvider the key provider
   * @return this builder
   */
  public RecordingVaultBuilder keyProvider(KeyProvider keyProvider) {
    this.keyProvider = BuilderChecks.setOnce("keyProvider", this.keyProvider, keyProvider);
    return this;
  }

  /**
   * Where the encrypted bytes go. Required.
   *
   * @param store the recording store
   * @return this builder
   */
  public RecordingVaultBuilder store(RecordingStore store) {
    this.store = BuilderChecks.setOnce("store", this.store, store);
    return this;
  }

  /**
   * Where what is known about each recording goes. Required.
   *
   * @param metadataStore the metadata store
   * @return this builder
   */
  public RecordingVaultBuilder metadataStore(RecordingMetadataStore metadataStore) {
    this.metadataStore = BuilderChecks.setOnce("metadataStore", this.metadataStore, metadataStore);
    return this;
  }

  /**
   * Plaintext bytes per segment, {@value RecordingCipherBuilder#MIN_SEGMENT_SIZE} to {@value
   * RecordingCipherBuilder#MAX_SEGMENT_SIZE}. Default {@value
   * RecordingCipherBuilder#DEFAULT_SEGMENT_SIZE}.
   *
   * @param bytes the segment size, in bytes
   * @return this builder
   */
  public RecordingVaultBuilder segmentSize(int bytes) {
    BuilderChecks.inRange(
        "segmentSize",
        bytes,
        RecordingCipherBuilder.MIN_SEGMENT_SIZE,
        RecordingCipherBuilder.MAX_SEGMENT_SIZE);
    this.segmentSize = BuilderChecks.setOnce("segmentSize", this.segmentSize, bytes);
    return this;
  }

  /**
   * How data keys are reused. Default {@link KeyCachePolicy#defaults()}.
   *
   * @param policy the policy
   * @return this builder
   */
  public RecordingVaultBuilder keyCache(KeyCachePolicy policy) {
    Objects.requireNonNull(policy, "keyCache");
    this.keyCache = BuilderChecks.setOnce("keyCache", this.keyCache, policy);
    return this;
  }

  /**
   * The vault.
   *
   * @return the vault
   * @throws IllegalStateException if the key provider, store or metadata store is missing
   */
  public RecordingVault build() {
    if (keyProvider == null) {
      throw new IllegalStateException("RecordingVault needs a key provider: .keyProvider(...)");
    }
    if (store == null) {
      throw new IllegalStateException("RecordingVault needs a store: .store(...)");
    }
    if (metadataStore == null) {
      throw new IllegalStateException("RecordingVault needs a metadata store: .metadataStore(...)");
    }
    IrisContext shared = context != null ? context : IrisContext.builder().build();
    RecordingCipherBuilder cipher =
        RecordingCipher.builder().context(shared).keyProvider(keyProvider);
    if (segmentSize != null) {
      cipher.segmentSize(segmentSize);
    }
    if (keyCache != null) {
      cipher.keyCache(keyCache);
    }
    return new RecordingVault(this, shared, cipher.build());
  }
}
