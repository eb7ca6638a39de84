package com.techradium.iris.audit.spi;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditChainKey;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.Checkpoint;
import com.techradium.iris.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The hash chain: the canonical encoding of an event and SHA-256 over it. Stores call {@link #hash}
 * with the previous hash of the chain inside the same atomic step that writes the event and moves
 * the chain head; verifiers call it again to check.
 *
 * <h2>Canonical encoding, version 1</h2>
 *
 * An auditor can re-implement this from the description alone. All integers are big-endian. A
 * <em>string</em> is {@code 0x01}, its UTF-8 length as 4 bytes, then its UTF-8 bytes; an absent
 * (null) string is the single byte {@code 0x00}. Enum values are strings holding the constant's
 * name. A <em>list</em> is its element count as 4 bytes followed by each element as a 4-byte UTF-8
 * length and its bytes. The hash is SHA-256 over, in this order:
 *
 * <ol>
 *   <li>the 13 ASCII bytes {@code iris-audit-v1};
 *   <li>the previous hash as a string (64 lowercase hex digits; {@link #GENESIS_HASH}, 64 zeros,
 *       for the first event of a chain);
 *   <li>the sequence as 8 bytes;
 *   <li>the event id as 16 bytes (most significant half first);
 *   <li>{@code recordedAt} as 8 bytes of epoch seconds then 4 bytes of nanoseconds (always a
 *       multiple of 1000: microsecond precision);
 *   <li>the strings tenantId, category, actorId, actorType, action, outcome, severity, targetType,
 *       targetId, ipAddress, userAgent, requestId, securityKind, dataCategory;
 *   <li>the list recordIds;
 *   <li>the strings purpose, metadata, before, after (JSON values in {@linkplain AuditJson
 *       canonical form}).
 * </ol>
 *
 * The hash is written as 64 lowercase hex digits.
 *
 * <h2>Keyed chain</h2>
 *
 * With an {@link AuditChainKey} ({@code AuditLogBuilder.chainKey}), an event's link is HMAC-SHA256
 * under that key over the same canonical bytes, written as {@value #KEYED_PREFIX}, the key id, a
 * colon and 64 lowercase hex digits (e.g. {@code hmac-sha256:audit-2026:3f1c...}); that whole text
 * is the next event's previous hash. A link names its key so that verification knows which key to
 * use ({@link #chainKeyId}); the key itself is never stored. An unkeyed link following a keyed one
 * is not accepted by verification: once a chain is keyed it stays keyed. Without a key the encoding
 * and hash are exactly those above.
 *
 * <p>A {@linkplain Checkpoint checkpoint} is signed over: the 24 ASCII bytes {@code
 * iris-audit-checkpoint-v1}, the strings tenantId and category, the sequence as 8 bytes, the hash
 * as a string, and createdAt as 8 + 4 bytes as above.
 *
 * <p>Thread-safe: each thread reuses its own buffer and digest.
 */
public final class AuditChain {
  /** The previous hash of the first event of every chain: 64 zeros. */
  public static final String GENESIS_HASH = "0".repeat(64);

  /** How a keyed link begins; the key id, a colon and the 64 hex digits of the HMAC follow. */
  public static final String KEYED_PREFIX = "hmac-sha256:";

  private static final int HEX_DIGITS = 64;

  private static final byte[] EVENT_DOMAIN = "iris-audit-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHECKPOINT_DOMAIN =
      "iris-audit-checkpoint-v1".getBytes(StandardCharsets.US_ASCII);
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<Encoder> ENCODERS = ThreadLocal.withInitial(Encoder::new);

  private AuditChain() {}

  /**
   * The hash of an event placed after {@code previousHash} at {@code sequence}.
   *
   * @param previousHash the hash of the previous link, or {@link #GENESIS_HASH} for the first
   * @param sequence the event's sequence in its chain, from 1
   * @param id the event's id
   * @param recordedAt when the event was recorded
   * @param event the event
   * @return the lowercase hex SHA-256 hash
   */
  public static String hash(
      String previousHash, long sequence, UUID id, Instant recordedAt, AuditEvent event) {
    Encoder encoder = ENCODERS.get();
    encoder.reset();
    encodeEvent(encoder, previousHash, sequence, id, recordedAt, event);
    return encoder.sha256Hex();
  }

  /**
   * The link of an event placed after {@code previousHash} at {@code sequence}: {@link #hash} when
   * {@code key} is null, otherwise the keyed link described above.
   *
   * @param key the chain key, or null for a plain hash
   * @param previousHash the hash of the previous link, or {@link #GENESIS_HASH} for the first
   * @param sequence the event's sequence in its chain, from 1
   * @param id the event's id
   * @param recordedAt when the event was recorded
   * @param event the event
   * @return the link text
   */
  public static String hash(
      @Nullable AuditChainKey key,
      String previousHash,
      long sequence,
      UUID id,
      Instant recordedAt,
      AuditEvent event) {
    if (key == null) {
      return hash(previousHash, sequence, id, recordedAt, event);
    }
    Encoder encoder = ENCODERS.get();
    encoder.reset();
    encodeEvent(encoder, previousHash, sequence, id, recordedAt, event);
    return KEYED_PREFIX + key.keyId() + ':' + hex(encoder.hmac(key));
  }

  /**
   * The id of the key that made a keyed link, or null when {@code hash} is not a keyed link (a
   * plain SHA-256 hash, or text of another shape).
   *
   * @param hash a link as stored
   * @return the key id, or null for a plain hash
   */
  public static @Nullable String chainKeyId(String hash) {
    int digits = hash.length() - HEX_DIGITS;
    if (!hash.startsWith(KEYED_PREFIX)
        || digits <= KEYED_PREFIX.length() + 1
        || hash.charAt(digits - 1) != ':') {
      return null;
    }
    return hash.substring(KEYED_PREFIX.length(), digits - 1);
  }

  /**
   * The canonical bytes that {@link #hash} digests, for auditors and tests.
   *
   * @param previousHash the hash of the previous link
   * @param sequence the event's sequence in its chain
   * @param id the event's id
   * @param recordedAt when the event was recorded
   * @param event the event
   * @return a new array holding the canonical encoding
   */
  public static byte[] canonicalBytes(
      String previousHash, long sequence, UUID id, Instant recordedAt, AuditEvent event) {
    Encoder encoder = new Encoder();
    encodeEvent(encoder, previousHash, sequence, id, recordedAt, event);
    return encoder.bytes();
  }

  /**
   * The bytes a checkpoint's signature covers.
   *
   * @param tenantId the chain's tenant
   * @param category the chain's stream
   * @param sequence the chain position
   * @param hash the hash at that position
   * @param createdAt when the checkpoint was made
   * @return a new array holding the signed payload
   */
  public static byte[] checkpointPayload(
      TenantId tenantId, AuditCategory category, long sequence, String hash, Instant createdAt) {
    Encoder encoder = new Encoder();
    encoder.raw(CHECKPOINT_DOMAIN);
    encoder.string(tenantId.value());
    encoder.string(category.name());
    encoder.int64(sequence);
    encoder.string(hash);
    encoder.instant(createdAt);
    return encoder.bytes();
  }

  private static void encodeEvent(
      Encoder out,
      String previousHash,
      long sequence,
      UUID id,
      Instant recordedAt,
      AuditEvent event) {
    out.raw(EVENT_DOMAIN);
    out.string(previousHash);
    out.int64(sequence);
    out.int64(id.getMostSignificantBits());
    out.int64(id.getLeastSignificantBits());
    out.instant(recordedAt);
    out.string(event.tenantId().value());
    out.string(event.category().name());
    out.string(event.actorId());
    out.string(event.actorType().name());
    out.string(event.action());
    out.string(event.outcome().name());
    out.string(event.severity().name());
    out.string(event.targetType());
    out.string(event.targetId());
    out.string(event.ipAddress());
    out.string(event.userAgent());
    out.string(event.requestId());
    out.string(name(event.securityKind()));
    out.string(name(event.dataCategory()));
    out.list(event.recordIds());
    out.string(event.purpose());
    out.string(event.metadata());
    out.string(event.before());
    out.string(event.after());
  }

  private static @Nullable String name(@Nullable Enum<?> value) {
    return value == null ? null : value.name();
  }

  /** Writes the hex form of a digest. */
  static String hex(byte[] digest) {
    char[] chars = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      chars[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      chars[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(chars);
  }

  /** A growable byte buffer feeding one reusable SHA-256 digest. */
  private static final class Encoder {
    private byte[] buffer = new byte[1024];
    private int size;
    private final MessageDigest digest;

    Encoder() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by every Java platform", e);
      }
    }

    void reset() {
      size = 0;
    }

    byte[] bytes() {
      return Arrays.copyOf(buffer, size);
    }

    String sha256Hex() {
      digest.reset();
      digest.update(buffer, 0, size);
      return hex(digest.digest());
    }

    byte[] hmac(AuditChainKey key) {
      return key.hmac(buffer, 0, size);
    }

    void raw(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buffer, size, bytes.length);
      size += bytes.length;
    }

    void int32(int value) {
      ensure(4);
      buffer[size++] = (byte) (value >>> 24);
      buffer[size++] = (byte) (value >>> 16);
      buffer[size++] = (byte) (value >>> 8);
      buffer[size++] = (byte) value;
    }

    void int64(long value) {
      int32((int) (value >>> 32));
      int32((int) value);
    }

    void instant(Instant instant) {
      int64(instant.getEpochSecond());
      int32(instant.getNano());
    }

    void string(@Nullable String value) {
      ensure(1);
      if (value == null) {
        buffer[size++] = 0;
        return;
      }
      buffer[size++] = 1;
      text(value);
    }

    void list(List<String> values) {
      int32(values.size());
      for (String value : values) {
        text(value);
      }
    }

    private void text(String value) {
      int length = value.length();
      boolean ascii = true;
      for (int i = 0; i < length; i++) {
        if (value.charAt(i) >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (!ascii) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        raw(utf8);
        return;
      }
      int32(length);
      ensure(length);
      for (int i = 0; i < length; i++) {
        buffer[size++] = (byte) value.charAt(i);
      }
    }

    private void ensure(int extra) {
      if (size + extra > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
      }
    }
  }
}
