package com.techradium.iris.testkit;

import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.TenantDirectory;

class InMemoryTenantDirectoryTest extends TenantDirectoryContract {
  private final TenantDirectory directory = new InMemoryTenantDirectory();

  @Override
  protected TenantDirectory directory() {
    return directory;
  }
}
