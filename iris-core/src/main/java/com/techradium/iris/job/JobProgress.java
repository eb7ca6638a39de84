package com.techradium.iris.job;

import com.techradium.iris.core.Validation;
import com.techradium.iris.core.ValidationException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How far a running job's handler says it got, as reported through {@link JobContext#progress(int,
 * String)} and shown on {@link Job#progress()}.
 *
 * <p>The latest report stays on the job: across later attempts (until one of them reports again)
 * and after the job finished, so an operator sees how far a dead or cancelled job got. Compare
 * {@link #updatedAt()} with {@link Job#startedAt()} to tell whether the current attempt reported.
 *
 * @param percent how much of the work is done, 0 to 100
 * @param message a short single-line note such as {@code "row 4,512 of 10,000"}, at most {@link
 *     #MAX_MESSAGE_LENGTH} characters, or null
 * @param updatedAt when the handler reported it (to the millisecond)
 */
public record JobProgress(int percent, @Nullable String message, Instant updatedAt) {
  /** The longest message accepted, in UTF-16 characters. */
  public static final int MAX_MESSAGE_LENGTH = 200;

  /**
   * Creates a {@code JobProgress}, checking its components.
   *
   * @param percent how much of the work is done, 0 to 100
   * @param message a short single-line note, at most {@link #MAX_MESSAGE_LENGTH} characters, or
   *     null
   * @param updatedAt when the handler reported it (to the millisecond)
   * @throws ValidationException on field {@code percent} outside 0-100, or on field {@code message}
   *     if it is too long, holds a control character or an unpaired surrogate
   */
  public JobProgress {
    Objects.requireNonNull(updatedAt, "updatedAt");
    Validation.of()
        .range("percent", percent, 0, 100)
        .optionalText("message", message, MAX_MESSAGE_LENGTH)
        .throwIfInvalid();
  }
}
