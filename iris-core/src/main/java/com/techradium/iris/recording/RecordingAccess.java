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

  public RecordingAccess {
    Validation.of()
        .text("actorId", actorId, MAX_LENGTH)
        .required("actor", actor)
        .optionalText("purpose", purpose, MAX_LENGTH)
        .throwIfInvalid();
  }

  /** A user reading for {@code purpose}. */
  public static RecordingAccess user(String userId, String purpose) {
    return new RecordingAccess(userId, NoticeActor.USER, purpose);
  }
}
