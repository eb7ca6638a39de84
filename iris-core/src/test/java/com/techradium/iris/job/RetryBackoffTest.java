package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

  @Test
  void delaysDoubleUntilTheCap() {
    assertThat(backoff.ceilingFor(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceilingFor(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceilingFor(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.ceilingFor(7)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.ceilingFor(500)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void jitterKeepsTheDelayBetweenHalfAndAllOfTheCeiling() {
    assertThat(backoff.delayFor(3, 0.0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delayFor(3, 0.5)).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.delayFor(3, 0.999)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void defaultCapIsOneHour() {
    assertThat(RetryBackoff.DEFAULT.ceilingFor(100)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void capShorterThanTheFirstDelayIsRejected() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .isInstanceOf(ValidationException.class);
  }
}
