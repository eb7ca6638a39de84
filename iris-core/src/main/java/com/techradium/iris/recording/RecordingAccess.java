package com.techradium.iris.recording;

import com.techradium.iris.core.NoticeActor;
import com.techradium.iris.core.Validation;
import org.jspecify.annotations.Nullable;

/**
 * Who reads a recording and why, recorded with every access in the audit log.
 *
 * @param actorId who: a user id, a service name (1 to {@value #MAX_LENGTH} characters; never a
 *     secret)
 * @param actor what kind of party {@code actorId} names
 * @param purpose why, if stated (e.g. {@code "quality-review"}, {@code "dispute-123"}); at most
 *     {@value #MAX_LENGTH} characters
 */
public record RecordingAccess(String actorId, NoticeActor actor, @Nullable String purpose) {
  /** The longest actor id and purpose. */
  public static final int MAX_LENGTH = 256;

  /**
   * Creates a {@code RecordingAccess}, checking its components.
   *
   * @param actorId who: a user id, a service name (1 to {@value #MAX_LENGTH} characters; never a
   *     secret)
   * @param actor what kind of party {@code actorId} names
   * @param purpose why, if stated (e.g. {@code "quality-review"}, {@code "dispute-123"}); at most
   *     {@value #MAX_LENGTH} characters
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public RecordingAccess {
    Validation.of()
        .text("actorId", actorId, MAX_LENGTH)
        .required("actor", actor)
        .optionalText("purpose", purpose, MAX_LENGTH)
        .throwIfInvalid();
  }

  /**
   * A user reading for {@code purpose}.
   *
   * @param userId the reading user's id
   * @param purpose why the recording is read
   * @return the access
   */
  public static RecordingAccess user(String userId, String purpose) {
    return new RecordingAccess(userId, NoticeActor.USER, purpose);
  }
}
