package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.internal.IrisJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrisJsonTest {

  @Test
  void writesMapKeysSortedSoEqualContentHasEqualBytes() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", 2);
    assertThat(IrisJson.write(map)).isEqualTo("{\"a\":2,\"b\":1}");
  }

  @Test
  void writesInstantsAsIsoText() {
    assertThat(IrisJson.write(Map.of("at", Instant.parse("2026-01-02T03:04:05Z"))))
        .isEqualTo("{\"at\":\"2026-01-02T03:04:05Z\"}");
  }

  @Test
  void parseRejectsTextThatIsNotJsonNamingTheField() {
    assertThatThrownBy(() -> IrisJson.parse("payload", "{not json"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.hasErrorFor("payload")).isTrue());
    assertThatThrownBy(() -> IrisJson.parse("payload", "")).isInstanceOf(ValidationException.class);
  }

  @Test
  void parseReadsDocuments() {
    assertThat(IrisJson.parse("payload", "{\"n\":1}").get("n").asInt()).isEqualTo(1);
  }
}
