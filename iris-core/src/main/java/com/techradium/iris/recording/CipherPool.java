package com.techradium.iris.recording;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * A bounded pool of AES-GCM {@link Cipher}s, so a recording stream borrows one instead of looking
 * one up ({@code Cipher.getInstance}) and warming a new one for every recording. A borrower has the
 * cipher to itself until it gives it back, and initialises it with its own key and nonce before
 * each segment; a pooled cipher keeps the last key it was initialised with until its next use, as
 * the data key cache keeps data keys. At most {@code capacity} idle ciphers are kept: one given
 * back to a full pool is left to the garbage collector. Thread-safe.
 */
final class CipherPool {
  /** Idle ciphers kept by {@link RecordingCipher}'s pool. */
  static final int DEFAULT_CAPACITY = 64;

  static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final Cipher[] idle;
  private int size;

  CipherPool(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.idle = new Cipher[capacity];
  }

  /** An idle cipher, or a new one when none is idle. */
  Cipher take() {
    synchronized (this) {
      if (size > 0) {
        Cipher cipher = idle[--size];
        idle[size] = null;
        return cipher;
      }
    }
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no " + TRANSFORMATION, e);
    }
  }

  /** Gives back a cipher taken from this pool; its borrower must not use it afterwards. */
  void give(Cipher cipher) {
    synchronized (this) {
      if (size < idle.length) {
        idle[size++] = cipher;
      }
    }
  }

  /** The number of idle ciphers held. */
  synchronized int idle() {
    return size;
  }
}
