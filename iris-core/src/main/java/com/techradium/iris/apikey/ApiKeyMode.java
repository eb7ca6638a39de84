package com.techradium.iris.apikey;

/**
 * Whether a key acts on live data or in a test environment. The mode is part of the key itself
 * ({@code iris_live_...} or {@code iris_test_...}), so a test key pasted into production is
 * recognisable at a glance and by secret scanners.
 */
public enum ApiKeyMode {
  /** Production traffic: keys start with {@code iris_live_}. */
  LIVE("live"),
  /** Test traffic: keys start with {@code iris_test_}. */
  TEST("test");

  private final String label;

  ApiKeyMode(String label) {
    this.label = label;
  }

  /**
   * The key prefix of this mode, {@code iris_live_} or {@code iris_test_}.
   *
   * @return the prefix
   */
  public String prefix() {
    return "iris_" + label + "_";
  }
}
