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
  /**
   * Stores the rule, replacing one of the same name; returns it.
   *
   * @param rule the rule
   * @return the stored rule
   */
  AlertRule save(AlertRule rule);

  /**
   * The rule named {@code name}.
   *
   * @param name the rule's name
   * @return the rule, or empty if there is none of that name
   */
  Optional<AlertRule> get(String name);

  /**
   * Every rule, by name.
   *
   * @return the rules, ordered by name
   */
  List<AlertRule> list();

  /**
   * Deletes the rule; returns whether it existed.
   *
   * @param name the rule's name
   * @return true if it existed
   */
  boolean delete(String name);
}
