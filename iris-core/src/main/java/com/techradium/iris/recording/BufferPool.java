package com.techradium.iris.recording;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Segment buffers kept for reuse by recording encryptors, so a recording does not allocate (and
 * zero) a segment-sized array of its own. A buffer is given back only once it holds nothing but
 * ciphertext: after its recording was sealed in place and its sink closed. At most {@code
 * maxIdleBytes} of idle buffers are kept; one that would exceed that is left to the garbage
 * collector. Thread-safe.
 */
final class BufferPool {
  /** Idle bytes kept by {@link RecordingCipher}'s pool: 64 buffers of the default segment size. */
  static final long DEFAULT_IDLE_BYTES = 4L * 1024 * 1024;

  private final long maxIdleBytes;
  private final ArrayDeque<byte[]> idle = new ArrayDeque<>();
  private long idleBytes;

  BufferPool(long maxIdleBytes) {
    if (maxIdleBytes < 0) {
      throw new IllegalArgumentException("maxIdleBytes must not be negative: " + maxIdleBytes);
    }
    this.maxIdleBytes = maxIdleBytes;
  }

  /** An idle buffer of exactly {@code length} bytes, or a new one when none is idle. */
  byte[] take(int length) {
    synchronized (this) {
      for (Iterator<byte[]> it = idle.iterator(); it.hasNext(); ) {
        byte[] buffer = it.next();
        if (buffer.length == length) {
          it.remove();
          idleBytes -= length;
          return buffer;
        }
      }
    }
    return new byte[length];
  }

  /** Gives back a buffer that holds no plaintext; its borrower must not use it afterwards. */
  synchronized void give(byte[] buffer) {
    if (idleBytes + buffer.length <= maxIdleBytes) {
      idle.push(buffer);
      idleBytes += buffer.length;
    }
  }

  /** The bytes of idle buffers held. */
  synchronized long idleBytes() {
    return idleBytes;
  }
}
