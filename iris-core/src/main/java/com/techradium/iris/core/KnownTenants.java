package com.techradium.iris.core;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a facade checks tenants against a {@link TenantDirectory}: a tenant the directory confirmed
 * once is remembered (directories never remove tenants), so a hot path asks the directory once per
 * tenant, not once per call. Thread-safe.
 */
public final class KnownTenants {
  /** How many confirmed tenants are remembered; past that the directory is asked each time. */
  static final int CACHED = 10_000;

  private final TenantDirectory directory;
  private final Set<TenantId> confirmed = ConcurrentHashMap.newKeySet();

  /**
   * Creates the check over a directory.
   *
   * @param directory the directory that says which tenants exist
   */
  public KnownTenants(TenantDirectory directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /**
   * Whether the directory knows the tenant.
   *
   * @param tenant the tenant to look up
   * @return true if operations for the tenant are accepted
   */
  public boolean exists(TenantId tenant) {
    if (confirmed.contains(tenant)) {
      return true;
    }
    if (!directory.exists(tenant)) {
      return false;
    }
    if (confirmed.size() < CACHED) {
      confirmed.add(tenant);
    }
    return true;
  }

  /**
   * Records an error on field {@code tenantId} unless the tenant exists; {@code where} (such as
   * {@code "events[3]"}) is added to the message when not null.
   *
   * @param validation the collector the error is recorded in
   * @param tenant the tenant to check
   * @param where the position of the tenant in a batch input, or null
   * @return {@code validation}
   */
  public Validation check(
      Validation validation, TenantId tenant, @org.jspecify.annotations.Nullable String where) {
    if (exists(tenant)) {
      return validation;
    }
    return validation.check(
        false, "tenantId", "unknown tenant " + tenant + (where == null ? "" : " (" + where + ")"));
  }

  /**
   * Throws a {@link ValidationException} on {@code tenantId} unless the tenant exists.
   *
   * @param tenant the tenant to check
   * @throws ValidationException on field {@code tenantId} if the tenant does not exist
   */
  public void require(TenantId tenant) {
    check(Validation.of(), tenant, null).throwIfInvalid();
  }
}
