package com.techradium.iris.monitor;

/**
 * How many consecutive results it takes to change a component's status: {@code failuresToWorsen}
 * results worse than the current status to move it down, {@code successesToRecover} results better
 * than it to move it up. Single bad or good results in between reset the count, so a flapping check
 * does not flap the status page.
 *
 * @param failuresToWorsen 1 to 100; default 3
 * @param successesToRecover 1 to 100; default 2
 */
public record FlapControl(int failuresToWorsen, int successesToRecover) {
  /**
   * Creates a {@code FlapControl}, checking its components.
   *
   * @param failuresToWorsen 1 to 100; default 3
   * @param successesToRecover 1 to 100; default 2
   * @throws IllegalArgumentException if a component is out of range
   */
  public FlapControl {
    if (failuresToWorsen < 1 || failuresToWorsen > 100) {
      throw new IllegalArgumentException(
          "failuresToWorsen must be between 1 and 100, got " + failuresToWorsen);
    }
    if (successesToRecover < 1 || successesToRecover > 100) {
      throw new IllegalArgumentException(
          "successesToRecover must be between 1 and 100, got " + successesToRecover);
    }
  }

  /**
   * Three failures to go down, two successes to come back.
   *
   * @return the default flap control
   */
  public static FlapControl defaults() {
    return new FlapControl(3, 2);
  }

  /**
   * Every result sets the status at once.
   *
   * @return flap control that lets every result through
   */
  public static FlapControl none() {
    return new FlapControl(1, 1);
  }
}
