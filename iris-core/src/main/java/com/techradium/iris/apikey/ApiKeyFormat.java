package com.techradium.iris.apikey;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The key format: {@code iris_live_} or {@code iris_test_}, 30 random base62 characters (178 bits
 * from {@link SecureRandom}) and 6 base62 characters of the CRC32 of everything before them. 46
 * characters in all, matched by {@link #PATTERN}. The checksum lets {@link #wellFormed} reject a
 * mistyped or made-up key without a store lookup, and lets secret scanners match keys with few
 * false positives. Stateless and thread-safe.
 */
final class ApiKeyFormat {
  /** The regular expression every IRIS key matches, for secret scanners. */
  static final String REGEX = "\\biris_(?:live|test)_[0-9A-Za-z]{36}\\b";

  static final Pattern PATTERN = Pattern.compile(REGEX);
  static final int BODY_LENGTH = 30;
  static final int CHECKSUM_LENGTH = 6;
  static final int PREFIX_LENGTH = 10;
  static final int LENGTH = PREFIX_LENGTH + BODY_LENGTH + CHECKSUM_LENGTH;

  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFormat() {}

  /** A new key of the mode. */
  static String generate(ApiKeyMode mode) {
    StringBuilder key = new StringBuilder(LENGTH).append(mode.prefix());
    for (int i = 0; i < BODY_LENGTH; i++) {
      key.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return key.append(checksum(key)).toString();
  }

  /**
   * Whether {@code key} has the length, a prefix, base62 characters and a matching checksum. Reads
   * only the first {@link #LENGTH} + 1 characters' worth of length: oversized input is rejected at
   * once.
   */
  static boolean wellFormed(String key) {
    if (key.length() != LENGTH || !key.startsWith("iris_")) {
      return false;
    }
    if (!(key.startsWith("live_", 5) || key.startsWith("test_", 5))) {
      return false;
    }
    for (int i = PREFIX_LENGTH; i < LENGTH; i++) {
      if (value(key.charAt(i)) < 0) {
        return false;
      }
    }
    long expected = checksumValue(key, PREFIX_LENGTH + BODY_LENGTH);
    long actual = 0;
    for (int i = PREFIX_LENGTH + BODY_LENGTH; i < LENGTH; i++) {
      actual = actual * 62 + value(key.charAt(i));
    }
    return actual == expected;
  }

  /** The mode a well-formed key names. */
  static ApiKeyMode modeOf(String key) {
    return key.startsWith("live_", 5) ? ApiKeyMode.LIVE : ApiKeyMode.TEST;
  }

  /** The prefix and last four characters of a key, e.g. {@code iris_live_…k3Zq}. */
  static String hint(String key) {
    if (key.length() < PREFIX_LENGTH + 4) {
      return "…";
    }
    return key.substring(0, PREFIX_LENGTH) + "…" + key.substring(key.length() - 4);
  }

  private static String checksum(CharSequence prefixAndBody) {
    long value = checksumValue(prefixAndBody, prefixAndBody.length());
    char[] out = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      out[i] = ALPHABET[(int) (value % 62)];
      value /= 62;
    }
    return new String(out);
  }

  private static long checksumValue(CharSequence text, int length) {
    // Callers have checked that the characters are ASCII: one byte each, one intrinsic CRC call.
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) text.charAt(i);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  private static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 36;
    }
    return -1;
  }
}
