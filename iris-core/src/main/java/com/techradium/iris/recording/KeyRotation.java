package com.techradium.iris.recording;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one batch of {@link RecordingVault#rotateKeys}.
 *
 * @param rewrapped recordings whose data key is now wrapped under the tenant's current master key
 * @param failed recordings whose data key could not be re-wrapped (tampered or unavailable key);
 *     they are skipped and keep their key
 * @param continueAfter the id to pass as {@code afterId} to continue, or null when every recording
 *     has been visited
 */
public record KeyRotation(int rewrapped, int failed, @Nullable String continueAfter) {
  /**
   * Whether the rotation visited every recording.
   *
   * @return true if {@code continueAfter} is null
   */
  public boolean done() {
    return continueAfter == null;
  }
}
