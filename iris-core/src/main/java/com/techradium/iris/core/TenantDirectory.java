package com.techradium.iris.core;

import java.time.Instant;
import java.util.Optional;

/**
 * The tenants a host serves. Facades ask it whether a tenant exists and reject operations for
 * tenants it does not know, so a typo in a tenant id cannot create a stray tenant's data.
 *
 * <p>The default, {@link #acceptingAll()}, treats every syntactically valid {@link TenantId} as
 * existing, so small hosts need not register tenants at all. Hosts that want the check register
 * their tenants in an {@link InMemoryTenantDirectory} or a persistent directory (the PostgreSQL one
 * lives in iris-jdbc).
 *
 * <p>Implementations are thread-safe. Registration is idempotent: registering a tenant again with
 * the same display name returns the first registration unchanged.
 */
public interface TenantDirectory {
  /**
   * Registers a tenant, or returns its existing registration if it was registered before with the
   * same display name.
   *
   * @param id the tenant
   * @param displayName 1 to {@value TenantInfo#MAX_DISPLAY_NAME} characters of single-line text
   * @param now the registration time, recorded if the tenant is new
   * @return the tenant's registration
   * @throws ValidationException if the display name is invalid (nothing is stored)
   * @throws ConflictException if the tenant is registered with another display name
   * @throws StorageException if the backing store fails
   */
  TenantInfo register(TenantId id, String displayName, Instant now);

  /**
   * Whether the tenant exists, that is, operations for it are accepted.
   *
   * @param id the tenant to look up
   * @return true if operations for the tenant are accepted
   */
  boolean exists(TenantId id);

  /**
   * The tenant's registration, if it was registered.
   *
   * @param id the tenant to look up
   * @return the registration, or empty if the tenant was never registered
   */
  Optional<TenantInfo> find(TenantId id);

  /**
   * Registered tenants in ascending order of id, one page at a time.
   *
   * @param request the page size and the cursor from the previous page
   * @return one page of registrations, ordered by tenant id
   */
  Page<TenantInfo> list(PageRequest request);

  /**
   * The default directory: every syntactically valid tenant id exists. It keeps no registrations:
   * {@link #register} validates and returns the registration without storing it, {@link #find}
   * finds nothing and {@link #list} lists nothing. Stateless and thread-safe.
   *
   * @return the stateless directory that accepts every valid tenant id
   */
  static TenantDirectory acceptingAll() {
    return AcceptingAllTenants.INSTANCE;
  }
}
