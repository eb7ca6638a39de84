package com.techradium.iris.audit.memory;

import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.testkit.audit.AuditStoreContract;
import java.time.Clock;

/** The in-memory store held to the audit store contract. */
class InMemoryAuditStoreTest extends AuditStoreContract {
  @Override
  protected AuditStore newStore(Clock clock) {
    return new InMemoryAuditStore();
  }
}
