package com.techradium.iris.jdbc.recording;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_RECORDINGS;

import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisRecordingsRecord;
import com.techradium.iris.recording.Recording;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import com.techradium.iris.recording.spi.WrappedKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RecordingMetadataStore} on PostgreSQL (migration {@code V7__recordings.sql}).
 * Thread-safe; it holds no connection between calls and never closes the data source. Run {@link
 * com.techradium.iris.jdbc.JdbcIris#migrate} first.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>One row per recording</b> in {@code iris_recordings}, keyed by ({@code tenant_id},
 *       {@code id}); ids are UUIDv7 text, so the key orders a tenant's recordings by creation time
 *       and listings page on it. An index on ({@code tenant_id}, {@code call_id}) serves lookups by
 *       call.
 *   <li><b>Key rotation is one conditional UPDATE per recording</b>: {@code replaceKey} sets the
 *       new wrapped key only where the row still holds the expected one, so two rotations running
 *       at once never lose each other's work, and a rotation interrupted anywhere resumes by
 *       selecting the rows whose {@code key_id} is not yet the current one.
 *   <li>Every statement goes through {@code JdbcContext}, so writes join the host's {@code
 *       JdbcTransaction} when one is open.
 * </ul>
 */
public final class JdbcRecordingMetadataStore implements RecordingMetadataStore {
  private final JdbcContext db;

  private JdbcRecordingMetadataStore(JdbcContext db) {
    this.db = db;
  }

  /**
   * A store over a host-owned data source, which it never closes. Run {@code JdbcIris.migrate} on
   * it first.
   *
   * @param dataSource the migrated database; stays the caller's
   * @return the store, thread-safe
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static JdbcRecordingMetadataStore of(DataSource dataSource) {
    return new JdbcRecordingMetadataStore(
        JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  @Override
  public void insert(Recording recording) {
    Objects.requireNonNull(recording, "recording");
    int inserted =
        db.call(
            "insert recording",
            dsl ->
                dsl.insertInto(IRIS_RECORDINGS)
                    .set(IRIS_RECORDINGS.TENANT_ID, recording.tenant().value())
                    .set(IRIS_RECORDINGS.ID, recording.id())
                    .set(IRIS_RECORDINGS.CALL_ID, recording.callId())
                    .set(IRIS_RECORDINGS.CODEC, recording.codec())
                    .set(IRIS_RECORDINGS.DURATION_MS, recording.duration().toMillis())
                    .set(IRIS_RECORDINGS.SIZE_BYTES, recording.sizeBytes())
                    .set(IRIS_RECORDINGS.STORED_BYTES, recording.storedBytes())
                    .set(IRIS_RECORDINGS.SEGMENT_SIZE, recording.segmentSize())
                    .set(IRIS_RECORDINGS.KEY_PROVIDER_ID, recording.keyProviderId())
                    .set(IRIS_RECORDINGS.KEY_ID, recording.key().keyId())
                    .set(IRIS_RECORDINGS.WRAPPED_KEY, recording.key().ciphertext())
                    .set(IRIS_RECORDINGS.CHECKSUM, recording.checksum())
                    .set(IRIS_RECORDINGS.CREATED_AT, recording.createdAt())
                    .set(IRIS_RECORDINGS.KEY_ROTATED_AT, recording.keyRotatedAt())
                    .onConflictDoNothing()
                    .execute());
    if (inserted == 0) {
      throw new ConflictException("recording " + recording.id() + " already exists");
    }
  }

  @Override
  public Optional<Recording> find(TenantId tenant, String recordingId) {
    Condition where = tenantIs(tenant).and(IRIS_RECORDINGS.ID.eq(recordingId));
    return db.call(
        "find recording",
        dsl -> dsl.selectFrom(IRIS_RECORDINGS).where(where).fetchOptional().map(this::toRecording));
  }

  @Override
  public List<Recording> list(TenantId tenant, @Nullable String afterId, int limit) {
    return page("list recordings", after(tenantIs(tenant), afterId), limit);
  }

  @Override
  public List<Recording> wrappedOtherThan(
      TenantId tenant, String keyId, @Nullable String afterId, int limit) {
    Objects.requireNonNull(keyId, "keyId");
    return page(
        "list recordings to re-wrap",
        after(tenantIs(tenant), afterId).and(IRIS_RECORDINGS.KEY_ID.ne(keyId)),
        limit);
  }

  private List<Recording> page(String operation, Condition where, int limit) {
    return db.call(
        operation,
        dsl ->
            dsl.selectFrom(IRIS_RECORDINGS)
                .where(where)
                .orderBy(IRIS_RECORDINGS.ID)
                .limit(limit)
                .fetch(this::toRecording));
  }

  private static Condition after(Condition where, @Nullable String afterId) {
    return afterId == null ? where : where.and(IRIS_RECORDINGS.ID.gt(afterId));
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
    Objects.requireNonNull(now, "now");
    Condition where =
        tenantIs(tenant)
            .and(IRIS_RECORDINGS.ID.eq(recordingId))
            .and(IRIS_RECORDINGS.KEY_ID.eq(expected.keyId()))
            .and(IRIS_RECORDINGS.WRAPPED_KEY.eq(expected.ciphertext()));
    return db.call(
            "re-wrap recording key",
            dsl ->
                dsl.update(IRIS_RECORDINGS)
                    .set(IRIS_RECORDINGS.KEY_ID, replacement.keyId())
                    .set(IRIS_RECORDINGS.WRAPPED_KEY, replacement.ciphertext())
                    .set(IRIS_RECORDINGS.KEY_ROTATED_AT, now)
                    .where(where)
                    .execute())
        == 1;
  }

  @Override
  public boolean delete(TenantId tenant, String recordingId) {
    Condition where = tenantIs(tenant).and(IRIS_RECORDINGS.ID.eq(recordingId));
    return db.call(
            "delete recording", dsl -> dsl.deleteFrom(IRIS_RECORDINGS).where(where).execute())
        == 1;
  }

  @Override
  public long count(TenantId tenant) {
    Condition where = tenantIs(tenant);
    return db.call("count recordings", dsl -> (long) dsl.fetchCount(IRIS_RECORDINGS, where));
  }

  private static Condition tenantIs(TenantId tenant) {
    return IRIS_RECORDINGS.TENANT_ID.eq(Objects.requireNonNull(tenant, "tenant").value());
  }

  private Recording toRecording(IrisRecordingsRecord row) {
    return new Recording(
        TenantId.of(row.getTenantId()),
        row.getId(),
        row.getCallId(),
        row.getCodec(),
        Duration.ofMillis(row.getDurationMs()),
        row.getSizeBytes(),
        row.getStoredBytes(),
        row.getSegmentSize(),
        row.getKeyProviderId(),
        new WrappedKey(row.getKeyId(), row.getWrappedKey()),
        row.getChecksum(),
        row.getCreatedAt(),
        row.getKeyRotatedAt());
  }
}
