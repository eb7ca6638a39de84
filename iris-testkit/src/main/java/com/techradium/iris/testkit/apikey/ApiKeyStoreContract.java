package com.techradium.iris.testkit.apikey;

import com.techradium.iris.apikey.spi.ApiKeyStore;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link ApiKeyStore} must show, in one class an adapter extends: implement
 * {@link #newStore(Clock)} as {@link com.techradium.iris.testkit.ContractSupport} describes, and
 * every group runs as a JUnit {@code @Nested} class:
 *
 * <ul>
 *   <li>{@link ApiKeyRecordContract}: storing, finding by either secret hash, locked changes
 *   <li>{@link ApiKeyLifecycleContract}: listing, expiry scans, marking expired, deleting
 *   <li>{@link ApiKeyUsageContract}: hourly counts and last-used sightings
 *   <li>{@link ApiKeyTenancyContract}: tenant isolation
 * </ul>
 *
 * <pre>{@code
 * class JdbcApiKeyStoreTest extends ApiKeyStoreContract {
 *   @Override
 *   protected ApiKeyStore newStore(Clock clock) {
 *     return JdbcApiKeyStore.of(dataSource);
 *   }
 * }
 * }</pre>
 */
public abstract class ApiKeyStoreContract extends ApiKeyContractSupport {
  /** Constructor for an adapter's test, which extends this suite. */
  public ApiKeyStoreContract() {}

  /** {@link ApiKeyRecordContract} against the adapter's store. */
  @Nested
  class Records extends ApiKeyRecordContract {
    @Override
    protected ApiKeyStore newStore(Clock clock) {
      return ApiKeyStoreContract.this.newStore(clock);
    }
  }

  /** {@link ApiKeyLifecycleContract} against the adapter's store. */
  @Nested
  class Lifecycle extends ApiKeyLifecycleContract {
    @Override
    protected ApiKeyStore newStore(Clock clock) {
      return ApiKeyStoreContract.this.newStore(clock);
    }
  }

  /** {@link ApiKeyUsageContract} against the adapter's store. */
  @Nested
  class Usage extends ApiKeyUsageContract {
    @Override
    protected ApiKeyStore newStore(Clock clock) {
      return ApiKeyStoreContract.this.newStore(clock);
    }
  }

  /** {@link ApiKeyTenancyContract} against the adapter's store. */
  @Nested
  class TenantIsolation extends ApiKeyTenancyContract {
    @Override
    protected ApiKeyStore newStore(Clock clock) {
      return ApiKeyStoreContract.this.newStore(clock);
    }
  }
}
