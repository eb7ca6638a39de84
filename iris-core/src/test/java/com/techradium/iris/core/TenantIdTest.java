package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"acme", "ACME-01", "a", "tenant_7.eu", "0abc"})
  void acceptsLettersDigitsDotsDashesAndUnderscores(String value) {
    assertThat(TenantId.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "-lead", ".lead", "has space", "brace{", "new\nline", "ümlaut"})
  void rejectsMalformedIdsNamingTheField(String value) {
    assertThatThrownBy(() -> TenantId.of(value))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("tenantId")).isTrue());
  }

  @Test
  void acceptsExactlyWhatItsDocumentedPatternMatches() {
    java.util.regex.Pattern pattern =
        java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    String alphabet = "aZ09._-/ :{}\u00fc\u0000";
    java.util.Random random = new java.util.Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(70);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String value = text.toString();
      boolean accepted;
      try {
        TenantId.of(value);
        accepted = true;
      } catch (ValidationException e) {
        accepted = false;
      }
      assertThat(accepted).as("[%s]", value).isEqualTo(pattern.matcher(value).matches());
    }
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> new TenantId(null)).isInstanceOf(ValidationException.class);
  }

  @Test
  void acceptsUpToSixtyFourCharacters() {
    assertThat(TenantId.of("a".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> TenantId.of("a".repeat(65))).isInstanceOf(ValidationException.class);
  }

  @Test
  void equalValuesAreEqualTenants() {
    assertThat(TenantId.of("acme")).isEqualTo(TenantId.of("acme")).hasToString("acme");
  }
}
