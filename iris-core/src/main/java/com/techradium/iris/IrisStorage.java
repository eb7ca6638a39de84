package com.techradium.iris;

import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.monitor.memory.InMemoryAlertRuleStore;
import com.techradium.iris.monitor.memory.InMemoryCheckResultStore;
import com.techradium.iris.monitor.memory.InMemoryIncidentStore;
import com.techradium.iris.monitor.memory.InMemoryMetricStore;
import com.techradium.iris.monitor.spi.AlertRuleStore;
import com.techradium.iris.monitor.spi.CheckResultStore;
import com.techradium.iris.monitor.spi.IncidentStore;
import com.techradium.iris.monitor.spi.MetricStore;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import com.techradium.iris.recording.memory.InMemoryRecordingMetadataStore;
import com.techradium.iris.recording.memory.InMemoryRecordingStore;
import com.techradium.iris.recording.spi.RecordingMetadataStore;
import com.techradium.iris.recording.spi.RecordingStore;
import com.techradium.iris.webhook.memory.InMemoryWebhookStore;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stores behind every facade, handed to {@link Iris.Builder#storage(IrisStorage)} in one piece:
 * a typed registry from each port ({@code AuditStore.class}, {@code JobStore.class}, ...) to the
 * store that serves it, plus the tenant directory. {@link #inMemory()} serves every port in memory,
 * {@code JdbcIris.storage(dataSource)} every port on PostgreSQL; a single store is swapped with
 * {@link #with}:
 *
 * <pre>{@code
 * IrisStorage storage = JdbcIris.storage(dataSource)
 *     .with(JobStore.class, RedisJobStore.create(jedis));   // jobs on Redis, the rest on PostgreSQL
 * }</pre>
 *
 * <p>A new port is a new key, so adding a store to IRIS changes no constructor or factory a host
 * calls. Immutable and thread-safe; the stores and their clients stay the host's.
 */
public final class IrisStorage {
  private final TenantDirectory tenants;
  private final Map<Class<?>, Object> stores;

  private IrisStorage(TenantDirectory tenants, Map<Class<?>, Object> stores) {
    this.tenants = tenants;
    this.stores = Map.copyOf(stores);
  }

  /**
   * Complete, thread-safe in-memory stores for every port: for tests, demos and single-process
   * tools. Nothing survives the JVM. Every tenant is accepted.
   *
   * @return a new registry of in-memory stores
   */
  public static IrisStorage inMemory() {
    return builder()
        .store(AuditStore.class, new InMemoryAuditStore())
        .store(JobStore.class, new InMemoryJobStore())
        .store(ApiKeyStore.class, new InMemoryApiKeyStore())
        .store(WebhookStore.class, new InMemoryWebhookStore())
        .store(RateLimitStore.class, new InMemoryRateLimitStore())
        .store(CheckResultStore.class, new InMemoryCheckResultStore())
        .store(MetricStore.class, new InMemoryMetricStore())
        .store(AlertRuleStore.class, new InMemoryAlertRuleStore())
        .store(IncidentStore.class, new InMemoryIncidentStore())
        .store(RecordingStore.class, new InMemoryRecordingStore())
        .store(RecordingMetadataStore.class, new InMemoryRecordingMetadataStore())
        .build();
  }

  /**
   * Starts an empty registry, for adapter modules that assemble their own defaults.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Which tenants exist; {@link TenantDirectory#acceptingAll()} unless set.
   *
   * @return the tenant directory
   */
  public TenantDirectory tenants() {
    return tenants;
  }

  /**
   * The store serving {@code port}.
   *
   * @param <S> the port type
   * @param port the port interface, for example {@code JobStore.class}
   * @return the registered store
   * @throws IllegalStateException if none was registered for it
   */
  public <S> S store(Class<S> port) {
    return find(port)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no store for " + port.getSimpleName() + "; register one with with(...)"));
  }

  /**
   * The store serving {@code port}, if one was registered.
   *
   * @param <S> the port type
   * @param port the port interface
   * @return the registered store, or empty
   */
  public <S> Optional<S> find(Class<S> port) {
    Objects.requireNonNull(port, "port");
    return Optional.ofNullable(port.cast(stores.get(port)));
  }

  /**
   * The ports that have a store.
   *
   * @return the registered port interfaces
   */
  public Set<Class<?>> ports() {
    return stores.keySet();
  }

  /**
   * The same stores, with {@code store} serving {@code port} instead of what served it.
   *
   * @param <S> the port type
   * @param port the port interface
   * @param store the store to serve it
   * @return a new registry; this one is unchanged
   */
  public <S> IrisStorage with(Class<S> port, S store) {
    Map<Class<?>, Object> copy = new LinkedHashMap<>(stores);
    copy.put(
        Objects.requireNonNull(port, "port"), port.cast(Objects.requireNonNull(store, "store")));
    return new IrisStorage(tenants, copy);
  }

  /**
   * The same stores with another tenant directory.
   *
   * @param directory the tenant directory
   * @return a new registry; this one is unchanged
   */
  public IrisStorage withTenants(TenantDirectory directory) {
    return new IrisStorage(Objects.requireNonNull(directory, "directory"), stores);
  }

  @Override
  public String toString() {
    return "IrisStorage" + stores.keySet().stream().map(Class::getSimpleName).sorted().toList();
  }

  /** Assembles an {@link IrisStorage}; each port set once. Not thread-safe. */
  public static final class Builder {
    private TenantDirectory tenants = TenantDirectory.acceptingAll();
    private boolean tenantsSet;
    private final Map<Class<?>, Object> stores = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Which tenants exist. Default {@link TenantDirectory#acceptingAll()}.
     *
     * @param directory the tenant directory
     * @return this builder
     */
    public Builder tenants(TenantDirectory directory) {
      tenantsSet = BuilderChecks.markSet("tenants", tenantsSet);
      this.tenants = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * The store serving {@code port}.
     *
     * @param <S> the port type
     * @param port the port interface
     * @param store the store to serve it
     * @return this builder
     * @throws IllegalStateException if the port has a store already
     */
    public <S> Builder store(Class<S> port, S store) {
      Objects.requireNonNull(port, "port");
      Objects.requireNonNull(store, "store");
      if (stores.putIfAbsent(port, port.cast(store)) != null) {
        throw BuilderChecks.duplicate("store for", port.getSimpleName());
      }
      return this;
    }

    /**
     * The registry.
     *
     * @return an immutable registry of the stores set so far
     */
    public IrisStorage build() {
      return new IrisStorage(tenants, stores);
    }
  }
}
