package com.techradium.iris.audit.memory;

import com.techradium.iris.audit.AuditStore;
import com.techradium.iris.testkit.audit.AuditStoreContract;

class InMemoryAuditStoreTest extends AuditStoreContract {
  private final InMemoryAuditStore store = new InMemoryAuditStore();

  @Override
  protected AuditStore store() {
    return store;
  }
}
