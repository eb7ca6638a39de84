package com.techradium.iris.recording;

import java.io.IOException;
import java.io.InputStream;

/**
 * Random access to a stored, encrypted recording: the bytes from {@code offset}, up to {@code
 * length} of them. What a store hands {@link RecordingCipher#decryptRange} so that a seek reads
 * only the segments it needs (an S3 ranged GET, a file channel position).
 */
@FunctionalInterface
public interface RangeSource {
  /**
   * A stream of the stored bytes {@code [offset, offset + length)}; the caller closes it.
   *
   * @param offset the first byte, from 0
   * @param length the most bytes to read
   * @return the stream
   * @throws IOException if the bytes cannot be read
   */
  InputStream open(long offset, long length) throws IOException;
}
