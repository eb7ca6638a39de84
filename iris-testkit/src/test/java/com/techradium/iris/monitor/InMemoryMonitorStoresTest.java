package com.techradium.iris.monitor;

import com.techradium.iris.monitor.memory.InMemoryAlertRuleStore;
import com.techradium.iris.monitor.memory.InMemoryCheckResultStore;
import com.techradium.iris.monitor.memory.InMemoryIncidentStore;
import com.techradium.iris.monitor.memory.InMemoryMetricStore;
import com.techradium.iris.testkit.monitor.MonitorStoreContract;
import com.techradium.iris.testkit.monitor.MonitorStores;
import java.time.Clock;

class InMemoryMonitorStoresTest extends MonitorStoreContract {
  @Override
  protected MonitorStores newStore(Clock clock) {
    return new MonitorStores(
        new InMemoryCheckResultStore(),
        new InMemoryMetricStore(),
        new InMemoryAlertRuleStore(),
        new InMemoryIncidentStore());
  }
}
