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

  @Test
  void hasErrorForIsFalseForAFieldWithoutAnError() {
    ValidationException e = new ValidationException("payload", "is required");

    assertThat(e.hasErrorFor("payload")).isTrue();
    assertThat(e.hasErrorFor("priority")).isFalse();
    assertThat(e.hasErrorFor("payloa")).isFalse();
  }

  @Test
  void textMustBeWellFormedUtf16() {
    assertThat(Validation.of().text("a", "ok \uD83D\uDE00", 10).hasErrors()).isFalse();
    assertThat(Validation.of().text("a", "x\uD83D", 10).hasErrors()).isTrue();
    assertThat(Validation.of().text("a", "\uDE00x", 10).hasErrors()).isTrue();
    assertThat(Validation.of().text("a", "\uDE00\uD83D", 10).hasErrors()).isTrue();
  }

  @Test
  void jsonMustBeOneValueWithoutNulOrUnpairedSurrogates() {
    for (String good :
        new String[] {
          "{}", "[]", "1", "\"s\"", "null", " {\"a\":[1,{\"b\":\"\\ud83d\\ude00\"}]} "
        }) {
      assertThat(Validation.of().json("p", good, 100).hasErrors()).as(good).isFalse();
    }
    for (String bad :
        new String[] {
          "",
          " ",
          "{} {}",
          "{}x",
          "1 2",
          "{\"a\":1,\"a\":2}",
          "{\"a\":\"\\u0000\"}",
          "{\"\\ud800\":1}",
          "[\"\\udc00\"]",
          "[\"\uD800\"]",
          "{",
          "[1,]"
        }) {
      assertThat(Validation.of().json("p", bad, 100).hasErrors()).as(bad).isTrue();
    }
    assertThat(Validation.of().json("p", "[1,2,3]", 6).hasErrors()).isTrue();
    assertThat(Validation.of().json("p", null, 6).hasErrors()).isTrue();
  }

  @Test
  void instantsAndDurationsAreComparedWithoutOverflow() {
    java.time.Instant lo = java.time.Instant.EPOCH;
    java.time.Instant hi = java.time.Instant.parse("9999-12-31T23:59:59.999Z");
    assertThat(Validation.of().instant("t", java.time.Instant.MAX, lo, hi).hasErrors()).isTrue();
    assertThat(Validation.of().instant("t", java.time.Instant.MIN, lo, hi).hasErrors()).isTrue();
    assertThat(Validation.of().instant("t", hi, lo, hi).hasErrors()).isFalse();
    assertThat(Validation.of().instant("t", null, lo, hi).hasErrors()).isFalse();
    java.time.Duration max = java.time.Duration.ofDays(1);
    assertThat(
            Validation.of()
                .duration(
                    "d", java.time.Duration.ofSeconds(Long.MAX_VALUE), java.time.Duration.ZERO, max)
                .hasErrors())
        .isTrue();
    assertThat(Validation.of().duration("d", max, java.time.Duration.ZERO, max).hasErrors())
        .isFalse();
    assertThat(
            Validation.of()
                .duration("d", java.time.Duration.ofMillis(-1), java.time.Duration.ZERO, max)
                .hasErrors())
        .isTrue();
  }
}
