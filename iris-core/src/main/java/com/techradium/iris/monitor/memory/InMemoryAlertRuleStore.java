package com.techradium.iris.monitor.memory;

import com.techradium.iris.monitor.AlertRule;
import com.techradium.iris.monitor.spi.AlertRuleStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link AlertRuleStore} in memory. Thread-safe. */
public final class InMemoryAlertRuleStore implements AlertRuleStore {
  private final ConcurrentSkipListMap<String, AlertRule> rules = new ConcurrentSkipListMap<>();

  /** An empty store. */
  public InMemoryAlertRuleStore() {}

  @Override
  public AlertRule save(AlertRule rule) {
    rules.put(rule.name(), rule);
    return rule;
  }

  @Override
  public Optional<AlertRule> get(String name) {
    return Optional.ofNullable(rules.get(Objects.requireNonNull(name, "name")));
  }

  @Override
  public List<AlertRule> list() {
    return List.copyOf(rules.values());
  }

  @Override
  public boolean delete(String name) {
    return rules.remove(Objects.requireNonNull(name, "name")) != null;
  }
}
