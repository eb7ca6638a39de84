package com.techradium.iris.testkit.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TamperedDataException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.RecordingCipher;
import com.techradium.iris.recording.spi.DataKey;
import com.techradium.iris.recording.spi.KeyProvider;
import com.techradium.iris.recording.spi.WrappedKey;
import com.techradium.iris.testkit.ContractSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KeyProvider} must show: fresh data keys that unwrap to the same bytes,
 * bound to their tenant and context, re-wrapped under a newer master key. An adapter's test extends
 * this class, implements {@link #newStore} (the provider) and says how to give a tenant a master
 * key and how to rotate it.
 */
public abstract class KeyProviderContract extends ContractSupport<KeyProvider> {
  /**
   * A fresh tenant that has a master key in the provider under test.
   *
   * @return a tenant no other test uses, its master key created
   */
  protected abstract TenantId tenantWithKey();

  /**
   * Makes a newer master key of {@code tenant} the current one; the older one stays able to unwrap.
   *
   * @param tenant a tenant from {@link #tenantWithKey()}
   */
  protected abstract void rotate(TenantId tenant);

  /** Constructor for an adapter's test, which extends this suite. */
  public KeyProviderContract() {}

  private static Map<String, String> context(TenantId tenant) {
    return RecordingCipher.encryptionContext(tenant);
  }

  @Test
  void aGeneratedKeyUnwrapsToItsPlaintext() {
    TenantId tenant = tenantWithKey();
    DataKey key = store().generateDataKey(tenant, context(tenant));

    assertThat(key.plaintext()).hasSize(DataKey.LENGTH);
    assertThat(store().unwrap(tenant, key.wrapped(), context(tenant))).isEqualTo(key.plaintext());
    assertThat(key.wrapped().keyId()).isEqualTo(store().currentKeyId(tenant));
    assertThat(key.toString()).doesNotContain(java.util.Arrays.toString(key.plaintext()));
  }

  @Test
  void everyGeneratedKeyIsDifferent() {
    TenantId tenant = tenantWithKey();

    assertThat(store().generateDataKey(tenant, context(tenant)).plaintext())
        .isNotEqualTo(store().generateDataKey(tenant, context(tenant)).plaintext());
  }

  @Test
  void aKeyDoesNotUnwrapUnderAnotherContext() {
    TenantId tenant = tenantWithKey();
    DataKey key = store().generateDataKey(tenant, context(tenant));

    assertThatThrownBy(
            () ->
                store()
                    .unwrap(
                        tenant,
                        key.wrapped(),
                        Map.of(RecordingCipher.CONTEXT_TENANT, "someone-else")))
        .isInstanceOf(TamperedDataException.class);
  }

  @Test
  void anAlteredWrappedKeyIsTampered() {
    TenantId tenant = tenantWithKey();
    WrappedKey wrapped = store().generateDataKey(tenant, context(tenant)).wrapped();
    byte[] bytes = wrapped.ciphertext();
    bytes[bytes.length - 1] ^= 1;

    assertThatThrownBy(
            () -> store().unwrap(tenant, new WrappedKey(wrapped.keyId(), bytes), context(tenant)))
        .isInstanceOf(TamperedDataException.class);
  }

  @Test
  void anotherTenantCannotUnwrapAKey() {
    TenantId a = tenantWithKey();
    TenantId b = tenantWithKey();
    DataKey key = store().generateDataKey(a, context(a));

    assertThatThrownBy(() -> store().unwrap(b, key.wrapped(), context(b)))
        .isInstanceOf(TamperedDataException.class);
  }

  @Test
  void rewrapMovesAKeyToTheCurrentMasterKeyKeepingItsPlaintext() {
    TenantId tenant = tenantWithKey();
    DataKey key = store().generateDataKey(tenant, context(tenant));
    String before = store().currentKeyId(tenant);
    rotate(tenant);

    WrappedKey rewrapped = store().rewrap(tenant, key.wrapped(), context(tenant));

    assertThat(store().currentKeyId(tenant)).isNotEqualTo(before);
    assertThat(rewrapped.keyId()).isEqualTo(store().currentKeyId(tenant));
    assertThat(store().unwrap(tenant, rewrapped, context(tenant))).isEqualTo(key.plaintext());
    assertThat(store().unwrap(tenant, key.wrapped(), context(tenant))).isEqualTo(key.plaintext());
  }
}
