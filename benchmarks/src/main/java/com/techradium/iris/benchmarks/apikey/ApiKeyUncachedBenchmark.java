package com.techradium.iris.benchmarks.apikey;

import com.techradium.iris.apikey.ApiKeyManager;
import com.techradium.iris.apikey.KeyValidation;
import com.techradium.iris.apikey.NewApiKey;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.apikey.JdbcApiKeyStore;
import com.techradium.iris.testkit.TestDatabase;
import com.techradium.iris.testkit.TestDatabases;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Validating API keys with the cache turned off, so that every validation looks its hash up in
 * PostgreSQL (embedded, on the same cores): the cost of a cache miss. 10,000 keys, one thread,
 * sample-time mode for percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApiKeyUncachedBenchmark {
  private TestDatabase database;
  private HikariDataSource pool;
  private ApiKeyManager keys;
  private final List<String> issued = new ArrayList<>();

  /** Migrates a fresh database and creates the keys. */
  @Setup
  public void setUp() {
    database = TestDatabases.create();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.user());
    config.setPassword(database.password());
    config.setMaximumPoolSize(4);
    config.setPoolName("apikey-bench");
    pool = JdbcIris.pool(config);
    JdbcIris.migrate(pool);
    keys =
        ApiKeyManager.builder()
            .store(JdbcApiKeyStore.of(pool))
            .pepper(ApiKeyValidationBenchmark.PEPPER)
            .cacheSize(0)
            .build();
    for (int i = 0; i < 10_000; i++) {
      issued.add(
          keys.create(
                  TenantId.of("bench-" + (i % 50)),
                  NewApiKey.of("k" + i, "u").withScopes(Set.of("calls:*")),
                  "bench")
              .secret()
              .reveal());
    }
  }

  /** Closes the pool and drops the database. */
  @TearDown
  public void tearDown() {
    pool.close();
    TestDatabases.drop(database);
  }

  /** A random one of the keys, looked up in PostgreSQL. */
  @Benchmark
  public KeyValidation uncachedValidation() {
    String key = issued.get(ThreadLocalRandom.current().nextInt(issued.size()));
    return keys.validate(key, "10.1.2.3", Set.of("calls:read"));
  }
}
