package com.techradium.iris.recording.memory;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import com.techradium.iris.recording.spi.WrappedKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/** A {@link RecordingMetadataStore} in the JVM's heap. Complete and thread-safe. */
public final class InMemoryRecordingMetadataStore implements RecordingMetadataStore {
  private final Map<TenantId, ConcurrentSkipListMap<String, Recording>> tenants =
      new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryRecordingMetadataStore() {}

  private NavigableMap<String, Recording> of(TenantId tenant) {
    return tenants.computeIfAbsent(
        Objects.requireNonNull(tenant, "tenant"), t -> new ConcurrentSkipListMap<>());
  }

  @Override
  public void insert(Recording recording) {
    Objects.requireNonNull(recording, "recording");
    if (of(recording.tenant()).putIfAbsent(recording.id(), recording) != null) {
      throw new ConflictException("recording " + recording.id() + " already exists");
    }
  }

  @Override
  public Optional<Recording> find(TenantId tenant, String recordingId) {
    Objects.requireNonNull(recordingId, "recordingId");
    return Optional.ofNullable(of(tenant).get(recordingId));
  }

  @Override
  public List<Recording> list(TenantId tenant, @Nullable String afterId, int limit) {
    return after(tenant, afterId).values().stream().limit(limit).toList();
  }

  @Override
  public List<Recording> wrappedOtherThan(
      TenantId tenant, String keyId, @Nullable String afterId, int limit) {
    Objects.requireNonNull(keyId, "keyId");
    return after(tenant, afterId).values().stream()
        .filter(r -> !r.key().keyId().equals(keyId))
        .limit(limit)
        .toList();
  }

  private NavigableMap<String, Recording> after(TenantId tenant, @Nullable String afterId) {
    NavigableMap<String, Recording> all = of(tenant);
    return afterId == null ? all : all.tailMap(afterId, false);
  }

  @Override
  public boolean replaceKey(
      TenantId tenant,
      String recordingId,
      WrappedKey expected,
      WrappedKey replacement,
      Instant now) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(replacement, "replacement");
    // A compare-and-set loop: ConcurrentSkipListMap.computeIfPresent may run its function more
    // than once, so a flag set inside it could report a replacement that did not happen.
    NavigableMap<String, Recording> recordings = of(tenant);
    while (true) {
      Recording current = recordings.get(recordingId);
      if (current == null || !current.key().equals(expected)) {
        return false;
      }
      if (recordings.replace(recordingId, current, current.withKey(replacement, now))) {
        return true;
      }
    }
  }

  @Override
  public boolean delete(TenantId tenant, String recordingId) {
    return of(tenant).remove(Objects.requireNonNull(recordingId, "recordingId")) != null;
  }

  @Override
  public long count(TenantId tenant) {
    return of(tenant).size();
  }
}
