package com.techradium.iris.recording;

import com.techradium.iris.core.AdminNotice;
import com.techradium.iris.core.DataAccessNotice;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.KnownTenants;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.NoticeActor;
import com.techradium.iris.core.TamperedDataException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import com.techradium.iris.recording.spi.RecordingStore;
import com.techradium.iris.recording.spi.RecordingUpload;
import com.techradium.iris.recording.spi.WrappedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Stores and serves encrypted call recordings: audio is encrypted while it is written ({@link
 * RecordingCipher}), streamed to a {@link RecordingStore}, indexed in a {@link
 * RecordingMetadataStore}, and decrypted on the way out, whole or a byte range (an audio player's
 * HTTP Range request) — every read reported to the audit log as a data-access event.
 *
 * <pre>{@code
 * RecordingVault vault = RecordingVault.builder().context(context).keyProvider(keys)
 *     .store(FileRecordingStore.at(dir)).metadataStore(new InMemoryRecordingMetadataStore()).build();
 * Recording rec = vault.store(tenant, new NewRecording("call-7", "audio/wav", duration), audio);
 * vault.stream(tenant, rec.id(), ByteRange.inclusive(0, 1023),
 *     RecordingAccess.user("dr-lee", "quality-review"), response.getOutputStream());
 * }</pre>
 *
 * <p><b>Keys.</b> Each recording has its own key, derived from a data key the {@link
 * com.techradium.iris.recording.spi.KeyProvider} wraps under the tenant's master key. {@link
 * #rotateKeys} re-wraps data keys under the current master key without touching the audio (one
 * metadata row per recording). Destroying a tenant's master keys makes all of its recordings
 * unreadable (crypto-shredding; docs/recording.md).
 *
 * <p><b>Audit.</b> Every {@code stream} publishes a {@link DataAccessNotice} (who, which recording,
 * which range, why) on the context's events before the first byte is written; deletes and key
 * rotations publish {@link AdminNotice}s. The context's audit log records them.
 *
 * <p>Thread-safe; streams it returns are for one thread. Stores and the key provider stay the
 * host's.
 */
public final class RecordingVault {
  /** The largest page {@link #list} returns and the largest rotation batch. */
  public static final int MAX_BATCH = 1000;

  private final RecordingCipher cipher;
  private final RecordingStore store;
  private final RecordingMetadataStore metadata;
  private final IrisContext context;
  private final KnownTenants tenants;

  RecordingVault(RecordingVaultBuilder builder, IrisContext context, RecordingCipher cipher) {
    this.cipher = cipher;
    this.store = Objects.requireNonNull(builder.store);
    this.metadata = Objects.requireNonNull(builder.metadataStore);
    this.context = context;
    this.tenants = context.knownTenants();
  }

  /**
   * Starts configuring a vault.
   *
   * @return a new builder
   */
  public static RecordingVaultBuilder builder() {
    return new RecordingVaultBuilder();
  }

  /**
   * The cipher recordings are encrypted with.
   *
   * @return the cipher
   */
  public RecordingCipher cipher() {
    return cipher;
  }

  /**
   * Starts storing a recording: write the audio to the returned stream and close it. The recording
   * exists (in the store and the metadata) once {@link RecordingWriter#close()} returns.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param details what is known about the recording: format, duration, call and so on
   * @return the stream to write the audio to
   * @throws com.techradium.iris.core.ValidationException on {@code tenantId} for an unknown tenant
   * @throws KeyUnavailableException if the tenant has no master key
   * @throws IOException if writing the recording's header to the store fails
   */
  public RecordingWriter begin(TenantId tenant, NewRecording details) throws IOException {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(details, "details");
    tenants.require(tenant);
    String id = context.ids().next().toString();
    RecordingUpload upload = store.create(tenant, id);
    // The CRC32C of the stored bytes (for checking storage without keys) is taken on their way
    // into the store, whatever the store; the cipher only encrypts, and its AES-GCM tags
    // authenticate every segment when it is read.
    CheckedOutputStream stored = new CheckedOutputStream(upload, new CRC32C());
    RecordingEncryptor encryptor;
    try {
      encryptor = cipher.encrypt(tenant, id, stored);
    } catch (IOException | RuntimeException e) {
      upload.abort();
      throw e;
    }
    return new RecordingWriter(
        encryptor,
        done ->
            commit(
                tenant,
                id,
                details,
                done,
                HexFormat.of().toHexDigits((int) stored.getChecksum().getValue())),
        upload::abort);
  }

  private Recording commit(
      TenantId tenant, String id, NewRecording details, SealedRecording s, String checksum) {
    Recording recording =
        new Recording(
            tenant,
            id,
            details.callId(),
            details.codec(),
            details.duration(),
            s.plaintextBytes(),
            s.ciphertextBytes(),
            s.segmentSize(),
            s.providerId(),
            s.key(),
            checksum,
            context.clock().instant(),
            null);
    try {
      metadata.insert(recording);
    } catch (RuntimeException e) {
      store.delete(tenant, id);
      throw e;
    }
    return recording;
  }

  /**
   * Stores a whole recording read from {@code audio} (not closed), streaming: memory holds about
   * one segment whatever its length.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param details what is known about the recording
   * @param audio the audio to store
   * @return the stored recording
   * @throws IOException if reading {@code audio} or writing to the store fails
   */
  public Recording store(TenantId tenant, NewRecording details, InputStream audio)
      throws IOException {
    Objects.requireNonNull(audio, "audio");
    RecordingWriter writer = begin(tenant, details);
    try {
      audio.transferTo(writer);
      writer.close();
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    }
    return writer.recording();
  }

  /**
   * Writes the whole decrypted recording to {@code out} (not closed) and returns its length.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param recordingId the recording's id
   * @param access who reads it and why, recorded in the audit log
   * @param out where the audio is written
   * @return the number of bytes written
   * @throws NotFoundException if the tenant has no such recording
   * @throws TamperedDataException if the stored bytes fail authentication; only authenticated
   *     segments were written before
   * @throws KeyUnavailableException if its master key is gone (crypto-shredded)
   * @throws IOException if reading the store or writing {@code out} fails
   */
  public long stream(TenantId tenant, String recordingId, RecordingAccess access, OutputStream out)
      throws IOException {
    Recording recording = readable(tenant, recordingId, access, out);
    published(recording, access, "all", recording.sizeBytes());
    try (InputStream in = store.read(tenant, recordingId, 0, recording.storedBytes())) {
      return cipher.decrypt(tenant, recordingId, recording.key(), in, out);
    }
  }

  /**
   * Writes bytes {@code range} of the decrypted recording to {@code out} (not closed), reading only
   * the segments that cover it, and returns the range served: a range running past the end is cut
   * at the end, as HTTP does.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param recordingId the recording's id
   * @param range the bytes wanted
   * @param access who reads it and why, recorded in the audit log
   * @param out where the audio is written
   * @return the range served
   * @throws com.techradium.iris.core.ValidationException on {@code offset} if the range starts at
   *     or past the end of the recording
   * @throws NotFoundException as {@link #stream(TenantId, String, RecordingAccess, OutputStream)}
   * @throws TamperedDataException as {@link #stream(TenantId, String, RecordingAccess,
   *     OutputStream)}
   * @throws KeyUnavailableException as {@link #stream(TenantId, String, RecordingAccess,
   *     OutputStream)}
   * @throws IOException if reading the store or writing {@code out} fails
   */
  public ByteRange stream(
      TenantId tenant,
      String recordingId,
      ByteRange range,
      RecordingAccess access,
      OutputStream out)
      throws IOException {
    Objects.requireNonNull(range, "range");
    Recording recording = readable(tenant, recordingId, access, out);
    Validation.of()
        .check(
            range.offset() < recording.sizeBytes(),
            "offset",
            "is past the end of the recording (" + recording.sizeBytes() + " bytes)")
        .throwIfInvalid();
    ByteRange served = range.clampedTo(recording.sizeBytes());
    published(recording, access, served.offset() + "-" + (served.end() - 1), served.length());
    cipher.decryptRange(
        tenant,
        recordingId,
        recording.key(),
        (offset, length) -> store.read(tenant, recordingId, offset, length),
        recording.storedBytes(),
        served.offset(),
        served.length(),
        out);
    return served;
  }

  private Recording readable(
      TenantId tenant, String recordingId, RecordingAccess access, OutputStream out) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(recordingId, "recordingId");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(out, "out");
    tenants.require(tenant);
    return metadata
        .find(tenant, recordingId)
        .orElseThrow(() -> NotFoundException.of("recording", recordingId));
  }

  private void published(Recording recording, RecordingAccess access, String range, long bytes) {
    context
        .events()
        .publish(
            new DataAccessNotice(
                recording.tenant(),
                access.actorId(),
                access.actor(),
                "recording.stream",
                DataAccessNotice.Kind.PII,
                "recording",
                List.of(recording.id()),
                access.purpose(),
                Map.of(
                    "range", range, "bytes", Long.toString(bytes), "callId", recording.callId())));
  }

  /**
   * The tenant's recording with that id; reading metadata is not a data access.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param recordingId the recording's id
   * @return the recording, or empty if the tenant has none with that id
   */
  public Optional<Recording> find(TenantId tenant, String recordingId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(recordingId, "recordingId");
    tenants.require(tenant);
    return metadata.find(tenant, recordingId);
  }

  /**
   * Up to {@code limit} (1 to {@value #MAX_BATCH}) of the tenant's recordings after {@code afterId}
   * (null for the first page), oldest first.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param afterId the id to list after, or null
   * @param limit the most recordings returned
   * @return the recordings, oldest first
   */
  public List<Recording> list(TenantId tenant, @Nullable String afterId, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Validation validation = Validation.of();
    tenants.check(validation, tenant, null);
    validation.range("limit", limit, 1, MAX_BATCH).throwIfInvalid();
    return metadata.list(tenant, afterId, limit);
  }

  /**
   * How many recordings the tenant has.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the number of recordings
   */
  public long count(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    tenants.require(tenant);
    return metadata.count(tenant);
  }

  /**
   * Deletes a recording (its stored bytes, then its metadata) and reports it to the audit log as an
   * admin event by {@code by}. Returns whether it existed.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param recordingId the recording's id
   * @param by who deletes it and why
   * @return true if it existed
   */
  public boolean delete(TenantId tenant, String recordingId, RecordingAccess by) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(recordingId, "recordingId");
    Objects.requireNonNull(by, "by");
    tenants.require(tenant);
    if (metadata.find(tenant, recordingId).isEmpty()) {
      return false;
    }
    store.delete(tenant, recordingId);
    boolean deleted = metadata.delete(tenant, recordingId);
    if (deleted) {
      context
          .events()
          .publish(
              new AdminNotice(
                  tenant,
                  by.actorId(),
                  by.actor(),
                  "recording.delete",
                  "recording",
                  recordingId,
                  by.purpose() == null ? Map.of() : Map.of("purpose", by.purpose())));
    }
    return deleted;
  }

  /**
   * One batch of key rotation: re-wraps the data keys of up to {@code batchSize} (1 to {@value
   * #MAX_BATCH}) of the tenant's recordings after {@code afterId} that are not yet under the
   * tenant's current master key. The audio is not touched: each recording costs one provider call
   * and one metadata write. Resumable: after a crash, start again from null (or the last {@link
   * KeyRotation#continueAfter}); recordings already re-wrapped are skipped.
   *
   * @param tenant the tenant, known to the tenant directory
   * @param afterId the id to continue after, or null from the start
   * @param batchSize the most recordings visited
   * @return what the batch did and where to continue
   */
  public KeyRotation rotateKeys(TenantId tenant, @Nullable String afterId, int batchSize) {
    Objects.requireNonNull(tenant, "tenant");
    Validation validation = Validation.of();
    tenants.check(validation, tenant, null);
    validation.range("batchSize", batchSize, 1, MAX_BATCH).throwIfInvalid();
    String current = cipher.currentKeyId(tenant);
    List<Recording> due = metadata.wrappedOtherThan(tenant, current, afterId, batchSize);
    int rewrapped = 0;
    int failed = 0;
    Instant now = context.clock().instant();
    for (Recording recording : due) {
      WrappedKey replacement;
      try {
        replacement = cipher.rewrap(tenant, recording.key());
      } catch (TamperedDataException | KeyUnavailableException e) {
        failed++;
        continue;
      }
      if (metadata.replaceKey(tenant, recording.id(), recording.key(), replacement, now)) {
        rewrapped++;
      }
    }
    if (rewrapped > 0) {
      context
          .events()
          .publish(
              new AdminNotice(
                  tenant,
                  "system",
                  NoticeActor.SYSTEM,
                  "recording.keys.rotate",
                  "master_key",
                  current,
                  Map.of("rewrapped", Integer.toString(rewrapped))));
    }
    String next = due.size() < batchSize ? null : due.get(due.size() - 1).id();
    return new KeyRotation(rewrapped, failed, next);
  }

  /**
   * Re-wraps every recording of the tenant, in batches of {@value #MAX_BATCH}, and returns the
   * totals.
   *
   * @param tenant the tenant, known to the tenant directory
   * @return the totals
   */
  public KeyRotation rotateAllKeys(TenantId tenant) {
    int rewrapped = 0;
    int failed = 0;
    String after = null;
    do {
      KeyRotation batch = rotateKeys(tenant, after, MAX_BATCH);
      rewrapped += batch.rewrapped();
      failed += batch.failed();
      after = batch.continueAfter();
    } while (after != null);
    return new KeyRotation(rewrapped, failed, null);
  }

  @Override
  public String toString() {
    return "RecordingVault[" + store + ", " + metadata + "]";
  }
}
