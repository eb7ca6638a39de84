package com.techradium.iris.core;

import java.time.Instant;

/**
 * A tenant listed in a {@link TenantDirectory}.
 *
 * @param id the tenant
 * @param displayName a human-readable name, 1 to {@value #MAX_DISPLAY_NAME} characters of
 *     single-line text
 * @param registeredAt when the tenant was first registered
 */
public record TenantInfo(TenantId id, String displayName, Instant registeredAt) {
  /** The longest display name accepted. */
  public static final int MAX_DISPLAY_NAME = 200;

  /**
   * Creates a {@code TenantInfo}, checking its components.
   *
   * @param id the tenant
   * @param displayName a human-readable name, 1 to {@value #MAX_DISPLAY_NAME} characters of
   *     single-line text
   * @param registeredAt when the tenant was first registered
   * @throws ValidationException if a component is invalid, naming each offending field
   */
  public TenantInfo {
    Validation.of()
        .required("id", id)
        .text("displayName", displayName, MAX_DISPLAY_NAME)
        .required("registeredAt", registeredAt)
        .throwIfInvalid();
  }

  /**
   * The rule every directory applies when a tenant is registered again: the same display name
   * returns this registration unchanged (registration is idempotent), another name is a conflict.
   *
   * @param displayName the display name of the new registration
   * @return this registration
   * @throws ConflictException if {@code displayName} differs from this registration's
   */
  public TenantInfo registeredAgainAs(String displayName) {
    if (!this.displayName.equals(displayName)) {
      throw new ConflictException(
          "tenant " + id + " is already registered as '" + this.displayName + "'");
    }
    return this;
  }
}
