package com.techradium.iris.recording;

import com.techradium.iris.core.TamperedDataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads sealed segments and writes their plaintext, each segment only after its tag verified. The
 * sequential form needs no length (it reads one byte ahead to know the last segment); the ranged
 * form computes the covering segments from the stored length and reads only those. Each segment is
 * opened in place, in the one buffer it was read into. Each reader serves one decryption, after
 * which its cipher goes back to the pool.
 */
final class SegmentReader {
  private final RecordingHeader header;
  private final SegmentCipher cipher;
  private final int sealedSize;
  private final byte[] sealed;

  SegmentReader(RecordingHeader header, byte[] dataKey, CipherPool ciphers) {
    this.header = header;
    this.sealedSize = header.segmentSize() + RecordingHeader.TAG_LENGTH;
    this.sealed = new byte[sealedSize + 1];
    this.cipher = new SegmentCipher(dataKey, header, ciphers);
  }

  /** Decrypts every segment after the header; returns the plaintext bytes written. */
  long decryptAll(InputStream in, OutputStream out) throws IOException {
    try {
      return decryptSegments(in, out);
    } finally {
      cipher.release();
    }
  }

  private long decryptSegments(InputStream in, OutputStream out) throws IOException {
    long index = 0;
    long written = 0;
    int carried = 0;
    while (true) {
      int got = carried + in.readNBytes(sealed, carried, sealedSize - carried);
      boolean last;
      carried = 0;
      if (got < sealedSize) {
        last = true;
      } else {
        int next = in.read();
        last = next < 0;
        if (!last) {
          sealed[sealedSize] = (byte) next;
        }
      }
      int n = openSegment(index, last, got);
      out.write(sealed, 0, n);
      written += n;
      if (last) {
        return written;
      }
      sealed[0] = sealed[sealedSize];
      carried = 1;
      index++;
    }
  }

  private int openSegment(long index, boolean last, int length) {
    if (index > 0xFFFF_FFFFL) {
      throw new TamperedDataException("recording has more than 2^32 segments");
    }
    int n = cipher.open(index, last, sealed, 0, length, sealed);
    if (last && n == 0 && index > 0) {
      throw new TamperedDataException("recording ends with an empty segment");
    }
    return n;
  }

  /**
   * The plaintext length of a recording whose stored form is {@code storedLength} bytes.
   *
   * @throws TamperedDataException if no recording of this header can have that length
   */
  static long plaintextLength(RecordingHeader header, long storedLength) {
    long body = storedLength - header.length();
    long sealedSize = header.segmentSize() + (long) RecordingHeader.TAG_LENGTH;
    if (body < RecordingHeader.TAG_LENGTH) {
      throw new TamperedDataException("recording is truncated: no final segment");
    }
    long segments = (body + sealedSize - 1) / sealedSize;
    long lastSealed = body - (segments - 1) * sealedSize;
    if (lastSealed < RecordingHeader.TAG_LENGTH) {
      throw new TamperedDataException("recording is truncated inside its last segment");
    }
    return (segments - 1) * header.segmentSize() + lastSealed - RecordingHeader.TAG_LENGTH;
  }

  /**
   * Decrypts plaintext bytes {@code [offset, offset + length)} by reading only the segments that
   * cover them. The caller has checked the range against {@link #plaintextLength}.
   */
  void decryptRange(
      RangeSource source, long storedLength, long offset, long length, OutputStream out)
      throws IOException {
    try {
      if (length > 0) {
        decryptSegments(source, storedLength, offset, length, out);
      }
    } finally {
      cipher.release();
    }
  }

  private void decryptSegments(
      RangeSource source, long storedLength, long offset, long length, OutputStream out)
      throws IOException {
    long plaintextLength = plaintextLength(header, storedLength);
    int segmentSize = header.segmentSize();
    long lastIndex = plaintextLength == 0 ? 0 : (plaintextLength - 1) / segmentSize;
    long first = offset / segmentSize;
    long end = offset + length;
    long final_ = (end - 1) / segmentSize;
    long from = header.length() + first * sealedSize;
    long to = Math.min(storedLength, header.length() + (final_ + 1) * sealedSize);
    try (InputStream in = source.open(from, to - from)) {
      for (long index = first; index <= final_; index++) {
        boolean last = index == lastIndex;
        int want = (int) Math.min(sealedSize, to - (header.length() + index * (long) sealedSize));
        int got = in.readNBytes(sealed, 0, want);
        if (got != want) {
          throw new TamperedDataException("recording is shorter than its store reports");
        }
        int n = openSegment(index, last, got);
        long segmentStart = index * segmentSize;
        int skip = (int) Math.max(0, offset - segmentStart);
        int stop = (int) Math.min(n, end - segmentStart);
        if (stop > skip) {
          out.write(sealed, skip, stop - skip);
        }
      }
    }
  }
}
