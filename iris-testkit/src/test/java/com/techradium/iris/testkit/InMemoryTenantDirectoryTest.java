package com.techradium.iris.testkit;

import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.TenantDirectory;
import java.time.Clock;

/** The in-memory directory held to the tenant directory contract. */
class InMemoryTenantDirectoryTest extends TenantDirectoryContract {
  @Override
  protected TenantDirectory newStore(Clock clock) {
    return new InMemoryTenantDirectory();
  }
}
