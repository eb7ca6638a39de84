package com.techradium.iris.testkit.apikey;

import com.techradium.iris.apikey.ApiKeyMode;
import com.techradium.iris.apikey.ApiKeyTier;
import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.testkit.ContractSupport;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fixtures shared by the groups of {@link ApiKeyStoreContract}: records with fresh ids and random
 * hashes, made on the test's clock.
 */
public abstract class ApiKeyContractSupport extends ContractSupport<ApiKeyStore> {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TimeOrderedIds IDS = new TimeOrderedIds(java.time.Clock.systemUTC());

  /** Constructor for the contract groups, which extend this class. */
  public ApiKeyContractSupport() {}

  /**
   * A random 64-character hex hash, as the key manager stores.
   *
   * @return 32 random bytes in lower-case hex
   */
  protected static String randomHash() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The test clock's now, to the millisecond (as stores keep instants).
   *
   * @return the test clock's instant, truncated to milliseconds
   */
  protected Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * A live premium-tier key of the tenant, never expiring, created now.
   *
   * @param tenant the key's tenant
   * @return a new record with a fresh id and a random hash, not yet inserted
   */
  protected ApiKeyRecord key(TenantId tenant) {
    return key(tenant, null);
  }

  /**
   * A live premium-tier key of the tenant expiring at {@code expiresAt}, created now, with scopes,
   * allowed networks and metadata set.
   *
   * @param tenant the key's tenant
   * @param expiresAt when the key expires, or null for never
   * @return a new record with a fresh id and a random hash, not yet inserted
   */
  protected ApiKeyRecord key(TenantId tenant, @Nullable Instant expiresAt) {
    return new ApiKeyRecord(
        IDS.next(),
        tenant,
        "key",
        "user-1",
        ApiKeyMode.LIVE,
        "iris_live_…abcd",
        randomHash(),
        null,
        null,
        null,
        List.of("calls:*", "sms:send"),
        List.of("10.0.0.0/8", "2001:db8::/32"),
        ApiKeyTier.PREMIUM,
        expiresAt,
        Map.of("team", "billing"),
        now(),
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Inserts the record into the store under test.
   *
   * @param key the record to insert
   * @return {@code key}, for chaining
   */
  protected ApiKeyRecord inserted(ApiKeyRecord key) {
    store().insert(key);
    return key;
  }
}
