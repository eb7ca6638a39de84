package com.techradium.iris.recording;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.KnownTenants;
import com.techradium.iris.core.TamperedDataException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.Validation;
import com.techradium.iris.recording.spi.KeyProvider;
import com.techradium.iris.recording.spi.WrappedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Streaming, seekable AES-256-GCM envelope encryption of call recordings with per-tenant keys, in
 * the format of docs/RECORDING_FORMAT.md: a header naming the wrapped data key and binding the
 * tenant and recording id, then the audio in fixed-size segments, each sealed on its own under a
 * per-recording key derived with HKDF-SHA256 from the data key and a random salt.
 *
 * <pre>{@code
 * RecordingCipher cipher = RecordingCipher.builder().context(context).keyProvider(keys).build();
 * try (RecordingEncryptor out = cipher.encrypt(tenant, "rec-1", Files.newOutputStream(path))) {
 *   audio.transferTo(out);
 * }
 * cipher.decryptRange(tenant, "rec-1", (off, len) -> open(path, off, len), Files.size(path),
 *     44_100, 1024, player);
 * }</pre>
 *
 * <p>Decryption writes only authenticated plaintext: each segment is verified before any byte of it
 * is written. Altered, truncated, reordered, duplicated or appended segments, a header spliced from
 * another recording, and another tenant's or recording's data all raise {@link
 * TamperedDataException}. Memory per stream is about one segment, whatever the recording's length.
 * Most hosts use {@link RecordingVault}, which stores, indexes, serves and audits recordings over
 * this cipher.
 *
 * <p>Thread-safe; each stream it returns is for one thread. The key provider stays the host's.
 */
public final class RecordingCipher {
  /** Encryption-context entry naming the tenant, bound to every wrapped data key. */
  public static final String CONTEXT_TENANT = "iris:tenant";

  /** Encryption-context entry naming the purpose ({@value #PURPOSE}). */
  public static final String CONTEXT_PURPOSE = "iris:purpose";

  /** The purpose bound to every wrapped data key. */
  public static final String PURPOSE = "call-recording";

  /** The longest recording id, in characters. */
  public static final int MAX_RECORDING_ID_LENGTH = RecordingHeader.MAX_ID_LENGTH;

  private final KeyProvider provider;
  private final int segmentSize;
  private final KnownTenants tenants;
  private final DataKeyCache keys;
  private final CipherPool ciphers = new CipherPool(CipherPool.DEFAULT_CAPACITY);
  private final BufferPool buffers = new BufferPool(BufferPool.DEFAULT_IDLE_BYTES);
  private final SecureRandom random = new SecureRandom();

  RecordingCipher(RecordingCipherBuilder builder, IrisContext context) {
    this.provider = Objects.requireNonNull(builder.keyProvider);
    this.segmentSize = builder.segmentSize;
    this.tenants = context.knownTenants();
    this.keys = new DataKeyCache(provider, builder.keyCache, context.clock());
  }

  /**
   * Starts configuring a cipher.
   *
   * @return a new builder
   */
  public static RecordingCipherBuilder builder() {
    return new RecordingCipherBuilder();
  }

  /**
   * The encryption context bound to the data keys of {@code tenant}.
   *
   * @param tenant the owning tenant
   * @return the context, naming the tenant
   */
  public static Map<String, String> encryptionContext(TenantId tenant) {
    return Map.of(CONTEXT_TENANT, tenant.value(), CONTEXT_PURPOSE, PURPOSE);
  }

  /**
   * The key provider.
   *
   * @return the key provider
   */
  public KeyProvider keyProvider() {
    return provider;
  }

  /**
   * Plaintext bytes per segment of recordings this cipher writes.
   *
   * @return the segment size, in bytes
   */
  public int segmentSize() {
    return segmentSize;
  }

  /**
   * A stream that encrypts what is written to it into {@code sink}; closing it seals the last
   * segment and closes the sink. The header is written to the sink before this returns.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id, bound into the header
   * @param sink where the encrypted bytes go
   * @return the encrypting stream
   * @throws com.techradium.iris.core.ValidationException naming {@code tenantId} (unknown tenant)
   *     or {@code recordingId} (empty, longer than {@value #MAX_RECORDING_ID_LENGTH} characters, or
   *     holding control characters)
   * @throws KeyUnavailableException if the tenant has no master key
   * @throws IOException if the sink fails while the header is written
   */
  public RecordingEncryptor encrypt(TenantId tenant, String recordingId, OutputStream sink)
      throws IOException {
    Objects.requireNonNull(sink, "sink");
    check(tenant, recordingId);
    Map<String, String> context = encryptionContext(tenant);
    DataKeyCache.Lease lease = keys.encryptionKey(tenant, context);
    byte[] fresh = new byte[RecordingHeader.SALT_LENGTH + RecordingHeader.NONCE_PREFIX_LENGTH];
    random.nextBytes(fresh);
    byte[] salt = Arrays.copyOf(fresh, RecordingHeader.SALT_LENGTH);
    byte[] prefix = Arrays.copyOfRange(fresh, RecordingHeader.SALT_LENGTH, fresh.length);
    RecordingHeader header =
        RecordingHeader.create(
            segmentSize, salt, prefix, tenant, recordingId, provider.id(), lease.key.wrapped());
    byte[] dataKey = lease.key.plaintext();
    try {
      return new RecordingEncryptor(
          sink, header, dataKey, ciphers, buffers, lease.bytes::addAndGet);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Decrypts a whole stored recording from {@code stored} into {@code out}, segment by segment, and
   * returns the plaintext bytes written. Neither stream is closed.
   *
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @param stored the stored bytes
   * @param out where the plaintext goes
   * @return the number of plaintext bytes
   * @throws TamperedDataException if any of it fails authentication, or it is another tenant's or
   *     another recording's; what was written before is authentic
   * @throws KeyUnavailableException if its master key is gone (crypto-shredded)
   * @throws IOException if reading {@code stored} or writing {@code out} fails
   */
  public long decrypt(TenantId tenant, String recordingId, InputStream stored, OutputStream out)
      throws IOException {
    return decrypt(tenant, recordingId, null, stored, out);
  }

  long decrypt(
      TenantId tenant,
      String recordingId,
      @Nullable WrappedKey currentKey,
      InputStream stored,
      OutputStream out)
      throws IOException {
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(out, "out");
    check(tenant, recordingId);
    RecordingHeader header = readHeader(stored);
    SegmentReader reader = reader(tenant, recordingId, currentKey, header);
    return reader.decryptAll(stored, out);
  }

  /**
   * Decrypts plaintext bytes {@code [offset, offset + length)} of a stored recording into {@code
   * out}, reading the header and only the segments that cover the range.
   *
   * @param source random access to the stored bytes
   * @param storedLength the stored recording's length in bytes
   * @param tenant the owning tenant
   * @param recordingId the recording's id
   * @param offset the first plaintext byte, from 0
   * @param length the number of plaintext bytes
   * @param out where the plaintext goes
   * @throws com.techradium.iris.core.ValidationException naming {@code offset} or {@code length}
   *     when the range is negative or runs past the end of the plaintext
   * @throws TamperedDataException as for {@link #decrypt}
   * @throws IOException if reading the source or writing {@code out} fails
   */
  public void decryptRange(
      TenantId tenant,
      String recordingId,
      RangeSource source,
      long storedLength,
      long offset,
      long length,
      OutputStream out)
      throws IOException {
    decryptRange(tenant, recordingId, null, source, storedLength, offset, length, out);
  }

  void decryptRange(
      TenantId tenant,
      String recordingId,
      @Nullable WrappedKey currentKey,
      RangeSource source,
      long storedLength,
      long offset,
      long length,
      OutputStream out)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(out, "out");
    check(tenant, recordingId);
    RecordingHeader header = readHeader(source, storedLength);
    long plaintextLength = SegmentReader.plaintextLength(header, storedLength);
    Validation.of()
        .check(offset >= 0, "offset", "must not be negative")
        .check(length >= 0, "length", "must not be negative")
        .check(
            offset < 0 || length < 0 || offset + length <= plaintextLength,
            "length",
            "runs past the end of the recording (" + plaintextLength + " bytes)")
        .throwIfInvalid();
    reader(tenant, recordingId, currentKey, header)
        .decryptRange(source, storedLength, offset, length, out);
  }

  /**
   * The plaintext length of a stored recording, from its header and stored length.
   *
   * @param source random access to the stored bytes
   * @param storedLength the stored recording's length in bytes
   * @return the plaintext length in bytes
   * @throws TamperedDataException if the header is malformed or the length impossible
   * @throws IOException if the header cannot be read
   */
  public long plaintextLength(RangeSource source, long storedLength) throws IOException {
    return SegmentReader.plaintextLength(readHeader(source, storedLength), storedLength);
  }

  /**
   * The data key {@code key} wraps, wrapped under the tenant's current master key (key rotation:
   * the audio is not re-encrypted).
   *
   * @param tenant the owning tenant
   * @param key the wrapped key
   * @return the key wrapped under the current master key
   */
  public WrappedKey rewrap(TenantId tenant, WrappedKey key) {
    Objects.requireNonNull(key, "key");
    tenants.require(tenant);
    return provider.rewrap(tenant, key, encryptionContext(tenant));
  }

  /**
   * The key id new data keys of {@code tenant} are wrapped under.
   *
   * @param tenant the owning tenant
   * @return the key id
   */
  public String currentKeyId(TenantId tenant) {
    tenants.require(tenant);
    return provider.currentKeyId(tenant);
  }

  /**
   * Forgets every cached data key of {@code tenant}, so the next write asks the provider for a new
   * one and the next read unwraps again: call it after destroying or rotating the tenant's master
   * key.
   *
   * @param tenant the owning tenant
   */
  public void evictKeys(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    keys.evict(tenant);
  }

  private void check(TenantId tenant, String recordingId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(recordingId, "recordingId");
    Validation validation = Validation.of();
    tenants.check(validation, tenant, null);
    validation.text("recordingId", recordingId, MAX_RECORDING_ID_LENGTH).throwIfInvalid();
  }

  private SegmentReader reader(
      TenantId tenant,
      String recordingId,
      @Nullable WrappedKey currentKey,
      RecordingHeader header) {
    if (!header.tenant().equals(tenant) || !header.recordingId().equals(recordingId)) {
      throw new TamperedDataException(
          "the stored data is not recording " + recordingId + " of tenant " + tenant);
    }
    if (currentKey == null && !header.providerId().equals(provider.id())) {
      throw new KeyUnavailableException(
          "recording "
              + recordingId
              + " was encrypted through key provider "
              + header.providerId()
              + ", not "
              + provider.id());
    }
    WrappedKey wrapped = currentKey != null ? currentKey : header.key();
    byte[] dataKey = keys.unwrap(tenant, wrapped, encryptionContext(tenant));
    try {
      return new SegmentReader(header, dataKey, ciphers);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static RecordingHeader readHeader(InputStream in) throws IOException {
    byte[] start = in.readNBytes(RecordingHeader.FIXED_LENGTH);
    int length = RecordingHeader.announcedLength(start);
    byte[] header = Arrays.copyOf(start, length);
    int rest = in.readNBytes(header, start.length, length - start.length);
    if (rest != length - start.length) {
      throw new TamperedDataException("recording header is truncated");
    }
    return RecordingHeader.parse(header);
  }

  private static RecordingHeader readHeader(RangeSource source, long storedLength)
      throws IOException {
    long first = Math.min(storedLength, 1024);
    byte[] start;
    try (InputStream in = source.open(0, first)) {
      start = in.readNBytes((int) first);
    }
    if (start.length < RecordingHeader.FIXED_LENGTH) {
      throw new TamperedDataException(RecordingHeader.NOT_A_RECORDING);
    }
    int length = RecordingHeader.announcedLength(start);
    if (length > storedLength) {
      throw new TamperedDataException("recording header is truncated");
    }
    if (length <= start.length) {
      return RecordingHeader.parse(Arrays.copyOf(start, length));
    }
    byte[] header = Arrays.copyOf(start, length);
    try (InputStream in = source.open(start.length, length - start.length)) {
      if (in.readNBytes(header, start.length, length - start.length) != length - start.length) {
        throw new TamperedDataException("recording header is truncated");
      }
    }
    return RecordingHeader.parse(header);
  }
}
