package com.techradium.iris.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The directory behind {@link TenantDirectory#acceptingAll()}. */
enum AcceptingAllTenants implements TenantDirectory {
  INSTANCE;

  @Override
  public TenantInfo register(TenantId id, String displayName, Instant now) {
    return new TenantInfo(id, displayName, now);
  }

  @Override
  public boolean exists(TenantId id) {
    Objects.requireNonNull(id, "id");
    return true;
  }

  @Override
  public Optional<TenantInfo> find(TenantId id) {
    Objects.requireNonNull(id, "id");
    return Optional.empty();
  }

  @Override
  public Page<TenantInfo> list(PageRequest request) {
    Objects.requireNonNull(request, "request");
    return Page.empty();
  }

  @Override
  public String toString() {
    return "TenantDirectory.acceptingAll()";
  }
}
