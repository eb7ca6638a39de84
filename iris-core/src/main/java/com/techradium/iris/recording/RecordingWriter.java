package com.techradium.iris.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A recording being stored while it is captured: audio written here is encrypted segment by segment
 * and streamed to the recording store, so nothing larger than a segment (plus the store's upload
 * part) is held in memory. {@link #close()} seals it, completes the upload and records its
 * metadata; {@link #recording()} then describes it. {@link #abort()} discards it. Made by {@link
 * RecordingVault#begin}. Not thread-safe.
 */
public final class RecordingWriter extends OutputStream {
  private final RecordingEncryptor encryptor;
  private final Function<SealedRecording, Recording> commit;
  private final Runnable discard;
  private boolean finished;
  private @Nullable Recording recording;

  RecordingWriter(
      RecordingEncryptor encryptor, Function<SealedRecording, Recording> commit, Runnable discard) {
    this.encryptor = encryptor;
    this.commit = commit;
    this.discard = discard;
  }

  /**
   * The id the recording will have.
   *
   * @return the id
   */
  public String recordingId() {
    return encryptor.recordingId();
  }

  @Override
  public void write(int b) throws IOException {
    encryptor.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    encryptor.write(b, off, len);
  }

  /** Seals the recording, completes the upload and records the metadata. Idempotent. */
  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      encryptor.close();
    } catch (IOException | RuntimeException e) {
      discard.run();
      throw e;
    }
    recording = commit.apply(encryptor.sealed());
  }

  /** Discards the recording: nothing is stored. No effect after {@link #close()}. */
  public void abort() {
    if (!finished) {
      finished = true;
      discard.run();
    }
  }

  /**
   * The stored recording.
   *
   * @return the recording
   * @throws IllegalStateException before {@link #close()} succeeded
   */
  public Recording recording() {
    if (recording == null) {
      throw new IllegalStateException("the recording is stored by close()");
    }
    return recording;
  }
}
