package com.techradium.iris.core;

import com.techradium.iris.core.spi.Cursors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link TenantDirectory} held in memory: only registered tenants exist. Thread-safe; for tests,
 * the demo and hosts whose tenant list is fixed at start-up.
 */
public final class InMemoryTenantDirectory implements TenantDirectory {
  private final ConcurrentSkipListMap<TenantId, TenantInfo> tenants = new ConcurrentSkipListMap<>();

  /** Creates an empty directory. */
  public InMemoryTenantDirectory() {}

  @Override
  public TenantInfo register(TenantId id, String displayName, Instant now) {
    TenantInfo candidate = new TenantInfo(id, displayName, now);
    TenantInfo stored = tenants.putIfAbsent(id, candidate);
    if (stored == null) {
      return candidate;
    }
    return stored.registeredAgainAs(displayName);
  }

  @Override
  public boolean exists(TenantId id) {
    return tenants.containsKey(Objects.requireNonNull(id, "id"));
  }

  @Override
  public Optional<TenantInfo> find(TenantId id) {
    return Optional.ofNullable(tenants.get(Objects.requireNonNull(id, "id")));
  }

  @Override
  public Page<TenantInfo> list(PageRequest request) {
    Map<TenantId, TenantInfo> from =
        request.cursor() == null ? tenants : tenants.tailMap(cursorTenant(request.cursor()), false);
    List<TenantInfo> fetched = new ArrayList<>(request.limit() + 1);
    for (TenantInfo info : from.values()) {
      fetched.add(info);
      if (fetched.size() > request.limit()) {
        break;
      }
    }
    return Page.fromOverfetch(fetched, request.limit(), info -> Cursors.encode(info.id().value()));
  }

  private static TenantId cursorTenant(String cursor) {
    String value = Cursors.decode(cursor, 1).get(0);
    try {
      return TenantId.of(value);
    } catch (ValidationException e) {
      throw new ValidationException("cursor", "is not a cursor returned by this listing");
    }
  }
}
