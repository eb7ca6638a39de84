package com.techradium.iris.testkit.recording;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An encoder of the recording format, versions 1 and 2, written from docs/RECORDING_FORMAT.md
 * alone, on the JDK only (HKDF from HMAC-SHA256 by RFC 5869), sharing no code with {@code
 * RecordingCipher}: the test vectors come from it and the library must agree with it. {@link #main}
 * prints the vectors file of a version.
 */
final class RecordingFormatReference {
  private RecordingFormatReference() {}

  /** The inputs of one vector. */
  record Inputs(
      String name,
      int segmentSize,
      byte[] dataKey,
      byte[] salt,
      byte[] noncePrefix,
      String tenant,
      String recordingId,
      String providerId,
      String keyId,
      byte[] wrappedKey,
      byte[] plaintext) {}

  static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length)
      throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    ByteArrayOutputStream okm = new ByteArrayOutputStream();
    byte[] t = new byte[0];
    for (int i = 1; okm.size() < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      t = mac.doFinal();
      okm.writeBytes(t);
    }
    byte[] out = new byte[length];
    System.arraycopy(okm.toByteArray(), 0, out, 0, length);
    return out;
  }

  static byte[] header(Inputs in, int version) {
    byte[] tenant = in.tenant().getBytes(StandardCharsets.US_ASCII);
    byte[] id = in.recordingId().getBytes(StandardCharsets.UTF_8);
    byte[] provider = in.providerId().getBytes(StandardCharsets.US_ASCII);
    byte[] keyId = in.keyId().getBytes(StandardCharsets.US_ASCII);
    int length =
        53
            + 2
            + tenant.length
            + 2
            + id.length
            + 2
            + provider.length
            + 2
            + keyId.length
            + 2
            + in.wrappedKey().length;
    ByteBuffer out = ByteBuffer.allocate(length);
    out.put(new byte[] {'I', 'R', 'C', 'R', (byte) version, 1});
    out.putInt(length).putInt(in.segmentSize()).put(in.salt()).put(in.noncePrefix());
    for (byte[] field : new byte[][] {tenant, id, provider, keyId, in.wrappedKey()}) {
      out.putShort((short) field.length).put(field);
    }
    return out.array();
  }

  /** Version 1: "IRIS recording v1"; version 2: "IRIS recording v2" || SHA-256(header). */
  static byte[] hkdfInfo(Inputs in, int version) throws GeneralSecurityException {
    byte[] label = ("IRIS recording v" + version).getBytes(StandardCharsets.US_ASCII);
    if (version == 1) {
      return label;
    }
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(header(in, version));
    return ByteBuffer.allocate(label.length + digest.length).put(label).put(digest).array();
  }

  static byte[] recordingKey(Inputs in, int version) throws GeneralSecurityException {
    return hkdfSha256(in.dataKey(), in.salt(), hkdfInfo(in, version), 32);
  }

  static byte[] encrypt(Inputs in, int version) throws GeneralSecurityException {
    byte[] header = header(in, version);
    SecretKeySpec key = new SecretKeySpec(recordingKey(in, version), "AES");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    byte[] p = in.plaintext();
    int segments = Math.max(1, (p.length + in.segmentSize() - 1) / in.segmentSize());
    for (int i = 0; i < segments; i++) {
      int from = i * in.segmentSize();
      int to = Math.min(p.length, from + in.segmentSize());
      byte[] nonce =
          ByteBuffer.allocate(12)
              .put(in.noncePrefix())
              .putInt(i)
              .put((byte) (i == segments - 1 ? 1 : 0))
              .array();
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      if (version == 1) {
        gcm.updateAAD(header);
      }
      out.writeBytes(gcm.doFinal(p, from, to - from));
    }
    return out.toByteArray();
  }

  static byte[] pattern(int length, int seed) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) ((i * 31 + seed) % 251);
    }
    return out;
  }

  static Inputs[] inputs() {
    HexFormat hex = HexFormat.of();
    byte[] dataKey =
        hex.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] salt = hex.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
    byte[] prefix = hex.parseHex("c0c1c2c3c4c5c6");
    byte[] wrapped = "wrapped-data-key".getBytes(StandardCharsets.US_ASCII);
    return new Inputs[] {
      new Inputs(
          "empty",
          1024,
          dataKey,
          salt,
          prefix,
          "acme",
          "rec-empty",
          "test",
          "test:key:v1",
          wrapped,
          new byte[0]),
      new Inputs(
          "one-full-segment",
          1024,
          dataKey,
          salt,
          prefix,
          "acme",
          "rec-one",
          "test",
          "test:key:v1",
          wrapped,
          pattern(1024, 1)),
      new Inputs(
          "three-segments",
          1024,
          dataKey,
          salt,
          prefix,
          "acme",
          "rec-three",
          "test",
          "test:key:v1",
          wrapped,
          pattern(2500, 2)),
    };
  }

  /**
   * Prints the vectors file of the version given as the only argument (1 or 2).
   *
   * @param args the format version
   * @throws Exception if the JDK lacks HMAC-SHA256, SHA-256 or AES-GCM
   */
  public static void main(String[] args) throws Exception {
    int version = Integer.parseInt(args[0]);
    HexFormat hex = HexFormat.of();
    StringBuilder json =
        new StringBuilder(
            "{\n  \"format\": \"IRIS recording v" + version + "\",\n  \"vectors\": [\n");
    Inputs[] all = inputs();
    for (int i = 0; i < all.length; i++) {
      Inputs in = all[i];
      json.append("    {\n")
          .append("      \"name\": \"")
          .append(in.name())
          .append("\",\n")
          .append("      \"segmentSize\": ")
          .append(in.segmentSize())
          .append(",\n")
          .append("      \"dataKey\": \"")
          .append(hex.formatHex(in.dataKey()))
          .append("\",\n")
          .append("      \"salt\": \"")
          .append(hex.formatHex(in.salt()))
          .append("\",\n")
          .append("      \"noncePrefix\": \"")
          .append(hex.formatHex(in.noncePrefix()))
          .append("\",\n")
          .append("      \"tenant\": \"")
          .append(in.tenant())
          .append("\",\n")
          .append("      \"recordingId\": \"")
          .append(in.recordingId())
          .append("\",\n")
          .append("      \"providerId\": \"")
          .append(in.providerId())
          .append("\",\n")
          .append("      \"keyId\": \"")
          .append(in.keyId())
          .append("\",\n")
          .append("      \"wrappedKey\": \"")
          .append(hex.formatHex(in.wrappedKey()))
          .append("\",\n")
          .append(
              version == 1
                  ? ""
                  : "      \"hkdfInfo\": \"" + hex.formatHex(hkdfInfo(in, version)) + "\",\n")
          .append("      \"recordingKey\": \"")
          .append(hex.formatHex(recordingKey(in, version)))
          .append("\",\n")
          .append("      \"plaintext\": \"")
          .append(hex.formatHex(in.plaintext()))
          .append("\",\n")
          .append("      \"header\": \"")
          .append(hex.formatHex(header(in, version)))
          .append("\",\n")
          .append("      \"stored\": \"")
          .append(hex.formatHex(encrypt(in, version)))
          .append("\"\n")
          .append(i == all.length - 1 ? "    }\n" : "    },\n");
    }
    System.out.print(json.append("  ]\n}\n"));
  }
}
