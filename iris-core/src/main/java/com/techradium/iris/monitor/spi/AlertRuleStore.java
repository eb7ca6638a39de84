package com.techradium.iris.monitor.spi;

import com.techradium.iris.monitor.AlertRule;
import java.util.List;
import java.util.Optional;

/**
 * Keeps alert rules by name. Deployment configuration, not per tenant. Implementations are
 * thread-safe; a backend failure is a {@link com.techradium.iris.core.StorageException} with its
 * cause.
 */
public interface AlertRuleStore {
  /** Stores the rule, replacing one of the same name; returns it. */
  AlertRule save(AlertRule rule);

  /** The rule named {@code name}. */
  Optional<AlertRule> get(String name);

  /** Every rule, by name. */
  List<AlertRule> list();

  /** Deletes the rule; returns whether it existed. */
  boolean delete(String name);
}
