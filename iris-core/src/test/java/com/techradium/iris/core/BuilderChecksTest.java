package com.techradium.iris.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.internal.BuilderChecks;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderChecksTest {
  @Test
  void aPartSetTwiceNamesThePart() {
    assertThat(BuilderChecks.setOnce("store", null, "first")).isEqualTo("first");
    assertThatThrownBy(() -> BuilderChecks.setOnce("store", "first", "second"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("store was already set");
    assertThatThrownBy(() -> BuilderChecks.markSet("clock", true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("clock was already set");
  }

  @Test
  void aNullPartIsANullPointerNamingIt() {
    assertThatThrownBy(() -> BuilderChecks.setOnce("store", null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("store");
  }

  @Test
  void numbersOutOfRangeSayTheRangeAndTheValue() {
    assertThat(BuilderChecks.inRange("claimBatch", 10, 1, 1000)).isEqualTo(10);
    assertThatThrownBy(() -> BuilderChecks.inRange("claimBatch", 0, 1, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("claimBatch must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> BuilderChecks.inRange("interval", 5L, 0L, 4L))
        .hasMessage("interval must be between 0 and 4, got 5");
  }

  @Test
  void durationsMustBeAtLeastAMillisecond() {
    assertThat(BuilderChecks.positive("lease", Duration.ofSeconds(1))).hasSeconds(1);
    assertThatThrownBy(() -> BuilderChecks.positive("lease", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lease must be at least 1 ms, got PT0S");
  }

  @Test
  void aDuplicateEntryNamesItsKind() {
    assertThat(BuilderChecks.duplicate("handler for type", "email.send"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("handler for type email.send was already set");
  }
}
