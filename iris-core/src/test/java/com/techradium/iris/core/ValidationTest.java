package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValidationTest {

  @Test
  void collectsEveryFieldErrorBeforeThrowing() {
    Validation v =
        Validation.of()
            .text("actor", null, 10)
            .text("action", "  ", 10)
            .range("priority", 11, 0, 10)
            .required("payload", null);

    assertThatThrownBy(v::throwIfInvalid)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("actor", "action", "priority", "payload"))
        .hasMessageContaining("actor: is required")
        .hasMessageContaining("priority: must be between 0 and 10");
  }

  @Test
  void rejectsControlCharactersThatCouldForgeLogLines() {
    assertThatThrownBy(() -> Validation.of().text("path", "/a\n/b", 100).throwIfInvalid())
        .hasMessageContaining("path: must not contain control characters");
    assertThatThrownBy(() -> Validation.of().optionalText("ua", "x\u0000", 100).throwIfInvalid())
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void rejectsTextOverTheLimit() {
    assertThatThrownBy(() -> Validation.of().text("name", "abcd", 3).throwIfInvalid())
        .hasMessageContaining("name: must be at most 3 characters");
  }

  @Test
  void passesValidInputAndAcceptsAbsentOptionalText() {
    assertThatCode(
            () ->
                Validation.of()
                    .text("actor", "alice", 10)
                    .optionalText("note", null, 10)
                    .range("priority", 10, 0, 10)
                    .throwIfInvalid())
        .doesNotThrowAnyException();
  }

  @Test
  void aValidationExceptionNeedsAtLeastOneError() {
    assertThatThrownBy(() -> new ValidationException(java.util.List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
