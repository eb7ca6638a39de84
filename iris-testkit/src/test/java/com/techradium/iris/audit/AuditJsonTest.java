package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.spi.AuditJson;
import com.techradium.iris.core.ValidationException;
import org.junit.jupiter.api.Test;

class AuditJsonTest {

  @Test
  void sortsKeysAndDropsWhitespace() {
    assertThat(
            AuditJson.canonical("m", "{ \"b\": [ 1 , {\"z\":true, \"y\":null} ], \"a\": \"x\" }"))
        .isEqualTo("{\"a\":\"x\",\"b\":[1,{\"y\":null,\"z\":true}]}");
  }

  @Test
  void writesNumbersAsPlainDecimalsWithoutTrailingZeros() {
    assertThat(
            AuditJson.canonical("m", "[1.50, 1e2, 100.0, 0.000, 1.5e-7, -3, 12345678901234567890]"))
        .isEqualTo("[1.5,100,100,0,0.00000015,-3,12345678901234567890]");
  }

  @Test
  void isIdempotent() {
    String once = AuditJson.canonical("m", "{\"é\":\"line\\nbreak\",\"a\":[2.10,\"\\u0001\"]}");
    assertThat(AuditJson.canonical("m", once)).isEqualTo(once);
  }

  @Test
  void rejectsNulCharactersAndHugeExponents() {
    assertThatThrownBy(() -> AuditJson.canonical("m", "{\"a\\u0000\":1}"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> AuditJson.canonical("m", "[1.5e999999]"))
        .isInstanceOf(ValidationException.class);
  }
}
