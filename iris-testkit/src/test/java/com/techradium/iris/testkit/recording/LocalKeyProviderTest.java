package com.techradium.iris.testkit.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.KeyUnavailableException;
import com.techradium.iris.recording.LocalKeyProvider;
import com.techradium.iris.recording.RecordingCipher;
import com.techradium.iris.recording.spi.DataKey;
import com.techradium.iris.recording.spi.KeyProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalKeyProviderTest extends KeyProviderContract {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<TenantId, Integer> versions = new HashMap<>();
  private LocalKeyProvider provider = LocalKeyProvider.create();

  private static byte[] masterKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  @Override
  protected KeyProvider newStore(Clock clock) {
    provider = LocalKeyProvider.create();
    versions.clear();
    return provider;
  }

  @Override
  protected TenantId tenantWithKey() {
    TenantId tenant = newTenant();
    provider.addMasterKey(tenant, 1, masterKey());
    versions.put(tenant, 1);
    return tenant;
  }

  @Override
  protected void rotate(TenantId tenant) {
    int next = versions.merge(tenant, 1, Integer::sum);
    provider.addMasterKey(tenant, next, masterKey());
  }

  @Test
  void destroyingATenantsMasterKeysMakesItsKeysUnavailable() {
    TenantId tenant = tenantWithKey();
    DataKey key = provider.generateDataKey(tenant, RecordingCipher.encryptionContext(tenant));

    assertThat(provider.destroyMasterKeys(tenant)).isEqualTo(1);

    assertThatThrownBy(
            () -> provider.unwrap(tenant, key.wrapped(), RecordingCipher.encryptionContext(tenant)))
        .isInstanceOf(KeyUnavailableException.class)
        .hasMessageContaining(key.wrapped().keyId());
    assertThatThrownBy(() -> provider.currentKeyId(tenant))
        .isInstanceOf(KeyUnavailableException.class);
  }

  @Test
  void aRetiredVersionNoLongerUnwraps() {
    TenantId tenant = tenantWithKey();
    DataKey key = provider.generateDataKey(tenant, RecordingCipher.encryptionContext(tenant));
    rotate(tenant);

    assertThat(provider.retireMasterKey(tenant, 1)).isTrue();

    assertThatThrownBy(
            () -> provider.unwrap(tenant, key.wrapped(), RecordingCipher.encryptionContext(tenant)))
        .isInstanceOf(KeyUnavailableException.class);
  }

  @Test
  void masterKeysMustBe256BitsAndVersionsCannotChangeBytes() {
    TenantId tenant = tenantWithKey();

    assertThatThrownBy(() -> provider.addMasterKey(tenant, 2, new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> provider.addMasterKey(tenant, 1, masterKey()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was already set");
    assertThatThrownBy(() -> provider.addMasterKey(tenant, 0, masterKey()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEphemeralProviderMakesAKeyOnFirstUse() {
    LocalKeyProvider ephemeral = LocalKeyProvider.ephemeral();
    TenantId tenant = newTenant();

    DataKey key = ephemeral.generateDataKey(tenant, RecordingCipher.encryptionContext(tenant));

    assertThat(ephemeral.unwrap(tenant, key.wrapped(), RecordingCipher.encryptionContext(tenant)))
        .isEqualTo(key.plaintext());
  }
}
