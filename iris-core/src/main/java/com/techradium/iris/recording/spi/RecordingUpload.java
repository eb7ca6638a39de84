package com.techradium.iris.recording.spi;

import java.io.OutputStream;

/**
 * The encrypted bytes of one recording on their way into a {@link RecordingStore}. {@link #close()}
 * completes the upload: only then does the recording exist in the store, whole. {@link #abort()}
 * discards what was written. One thread writes it.
 */
public abstract class RecordingUpload extends OutputStream {
  /** For subclasses. */
  protected RecordingUpload() {}

  /**
   * Discards everything written, so the recording never appears in the store. Has no effect after a
   * successful {@link #close()} or a previous abort. Never throws for a backend failure: what could
   * not be discarded is left for the backend's own clean-up (an S3 lifecycle rule for incomplete
   * multipart uploads).
   */
  public abstract void abort();
}
