package com.techradium.iris.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts a recording as it is written: plaintext goes in, the header and sealed segments go to
 * the sink, so memory holds one segment whatever the recording's length. One buffer of a sealed
 * segment's size serves both ways: the plaintext of a segment being filled is gathered in it and
 * sealed in place, and a whole segment written at once is sealed from the caller's array into it.
 * The buffer is borrowed from the cipher's {@link BufferPool} and given back once the recording is
 * sealed and its sink closed, when it holds only ciphertext. {@link #close()} seals the last
 * segment, flushes and closes the sink; {@link #sealed()} then tells what was written. Made by
 * {@link RecordingCipher#encrypt}. Not thread-safe.
 */
public final class RecordingEncryptor extends OutputStream {
  private final OutputStream sink;
  private final RecordingHeader header;
  private final SegmentCipher cipher;
  private final int segmentSize;
  private final BufferPool buffers;
  private final byte[] buffer;
  private final LongConsumer onClose;
  private int pending;
  private long index;
  private long plaintextBytes;
  private long ciphertextBytes;
  private boolean closed;
  private @Nullable SealedRecording result;

  RecordingEncryptor(
      OutputStream sink,
      RecordingHeader header,
      byte[] dataKey,
      CipherPool ciphers,
      BufferPool buffers,
      LongConsumer onClose)
      throws IOException {
    this.sink = sink;
    this.header = header;
    this.onClose = onClose;
    emit(header.encode(), header.length());
    this.segmentSize = header.segmentSize();
    this.buffers = buffers;
    this.buffer = buffers.take(segmentSize + RecordingHeader.TAG_LENGTH);
    this.cipher = new SegmentCipher(dataKey, header, ciphers);
  }

  private void emit(byte[] bytes, int length) throws IOException {
    sink.write(bytes, 0, length);
    ciphertextBytes += length;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("recording encryptor is closed");
    }
    int segment = segmentSize;
    while (len > 0) {
      if (pending == segment) {
        sealPending(false);
      }
      if (pending == 0 && len > segment) {
        // A whole segment with more to follow, so not the last: sealed straight from the caller's
        // array, without first copying it into the segment buffer.
        seal(false, b, off, segment);
        off += segment;
        len -= segment;
        plaintextBytes += segment;
        continue;
      }
      int n = Math.min(len, segment - pending);
      System.arraycopy(b, off, buffer, pending, n);
      pending += n;
      off += n;
      len -= n;
      plaintextBytes += n;
    }
  }

  private void sealPending(boolean last) throws IOException {
    seal(last, buffer, 0, pending);
    pending = 0;
  }

  private void seal(boolean last, byte[] in, int off, int len) throws IOException {
    if (index > 0xFFFF_FFFFL) {
      throw new IOException("recording exceeds 2^32 segments");
    }
    int n = cipher.seal(index, last, in, off, len, buffer);
    emit(buffer, n);
    index++;
  }

  /** Flushes the sink; the segment being filled stays buffered until it is full or closed. */
  @Override
  public void flush() throws IOException {
    sink.flush();
  }

  /**
   * Seals the last segment, then flushes and closes the sink. Idempotent. If sealing or writing
   * fails, the sink is left open for its owner to discard ({@link
   * com.techradium.iris.recording.spi.RecordingUpload#abort()}), never closed half-written.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      sealPending(true);
    } finally {
      cipher.release();
    }
    sink.flush();
    sink.close();
    buffers.give(buffer);
    result =
        new SealedRecording(
            plaintextBytes,
            ciphertextBytes,
            header.segmentSize(),
            header.providerId(),
            header.key());
    onClose.accept(plaintextBytes);
  }

  /**
   * What was written.
   *
   * @return the lengths, segment size and wrapped key of what was written
   * @throws IllegalStateException before {@link #close()} has succeeded
   */
  public SealedRecording sealed() {
    if (result == null) {
      throw new IllegalStateException("the recording is sealed by close()");
    }
    return result;
  }

  /**
   * The recording id bound into the header.
   *
   * @return the recording id
   */
  public String recordingId() {
    return header.recordingId();
  }
}
