package com.techradium.iris.monitor;

import java.util.Objects;

/**
 * Whether the monitor itself works: its scheduler ticked recently (or it runs without a runtime,
 * checks on demand only). Meant for a liveness probe: not live means the process is stuck.
 *
 * @param live whether it is
 * @param detail why not, or a short description
 */
public record Liveness(boolean live, String detail) {
  /**
   * Creates a {@code Liveness}, checking its components.
   *
   * @param live whether it is
   * @param detail why not, or a short description
   */
  public Liveness {
    Objects.requireNonNull(detail, "detail");
  }
}
