package com.techradium.iris.recording;

import com.techradium.iris.core.Validation;
import java.time.Duration;

/**
 * What the host says about a recording it stores.
 *
 * @param callId the host's id of the call: 1 to {@value #MAX_CALL_ID_LENGTH} characters
 * @param codec the audio codec or container (e.g. {@code "audio/wav"}, {@code "opus"}): 1 to
 *     {@value #MAX_CODEC_LENGTH} characters
 * @param duration how long the recording lasts: zero to {@value #MAX_HOURS} hours
 */
public record NewRecording(String callId, String codec, Duration duration) {
  /** The longest call id. */
  public static final int MAX_CALL_ID_LENGTH = 128;

  /** The longest codec name. */
  public static final int MAX_CODEC_LENGTH = 64;

  /** The longest duration accepted, in hours. */
  public static final int MAX_HOURS = 24;

  /**
   * Creates a {@code NewRecording}, checking its components.
   *
   * @param callId the host's id of the call: 1 to {@value #MAX_CALL_ID_LENGTH} characters
   * @param codec the audio codec or container (e.g. {@code "audio/wav"}, {@code "opus"}): 1 to
   *     {@value #MAX_CODEC_LENGTH} characters
   * @param duration how long the recording lasts: zero to {@value #MAX_HOURS} hours
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public NewRecording {
    Validation.of()
        .text("callId", callId, MAX_CALL_ID_LENGTH)
        .text("codec", codec, MAX_CODEC_LENGTH)
        .required("duration", duration)
        .check(
            duration == null
                || (!duration.isNegative() && duration.compareTo(Duration.ofHours(MAX_HOURS)) <= 0),
            "duration",
            "must be between 0 and " + MAX_HOURS + " hours")
        .throwIfInvalid();
  }
}
