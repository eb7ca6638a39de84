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
