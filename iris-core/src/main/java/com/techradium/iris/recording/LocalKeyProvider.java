package com.techradium.iris.recording;

import com.techradium.iris.core.TamperedDataException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.recording.spi.DataKey;
import com.techradium.iris.recording.spi.KeyProvider;
import com.techradium.iris.recording.spi.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The embedded {@link KeyProvider}: the host supplies each tenant's 256-bit master keys, numbered
 * by version, from wherever it keeps secrets (a vault, an HSM export, configuration). Data keys are
 * wrapped with AES-256-GCM under the tenant's highest version, the encryption context bound as
 * associated data; the key id is {@code local:<tenant>:v<version>}.
 *
 * <pre>{@code
 * LocalKeyProvider keys = LocalKeyProvider.create()
 *     .addMasterKey(acme, 1, secrets.read("acme-recordings-v1"));
 * keys.addMasterKey(acme, 2, secrets.read("acme-recordings-v2"));   // rotation: v2 wraps from now on
 * keys.destroyMasterKeys(acme);   // crypto-shredding: every recording of acme becomes unreadable
 * }</pre>
 *
 * <p>Master keys live in this object's memory only; the host keeps the originals and decides their
 * fate. Thread-safe.
 */
public final class LocalKeyProvider implements KeyProvider {
  /** This provider's id in recording headers. */
  public static final String ID = "local";

  private static final int NONCE = 12;

  private final Map<TenantId, TreeMap<Integer, SecretKeySpec>> keys = new ConcurrentHashMap<>();
  private final boolean generateMissing;
  private final SecureRandom random = new SecureRandom();

  private LocalKeyProvider(boolean generateMissing) {
    this.generateMissing = generateMissing;
  }

  /**
   * A provider with no master keys yet: add each tenant's with {@link #addMasterKey}.
   *
   * @return the provider
   */
  public static LocalKeyProvider create() {
    return new LocalKeyProvider(false);
  }

  /**
   * A provider that makes a random master key for a tenant the first time it needs one, held in
   * memory only: for tests and demos. Recordings it encrypted are unreadable after the JVM ends.
   *
   * @return the provider
   */
  public static LocalKeyProvider ephemeral() {
    return new LocalKeyProvider(true);
  }

  /**
   * Adds version {@code version} of {@code tenant}'s master key; the highest version wraps new
   * keys. The bytes are copied.
   *
   * @param tenant the owning tenant
   * @param version the key's version, 1 to 1,000,000
   * @param key the 32-byte master key
   * @return this provider
   * @throws IllegalArgumentException if the key is not 32 bytes or the version not 1 to 1,000,000
   * @throws IllegalStateException if the version exists with other bytes
   */
  public LocalKeyProvider addMasterKey(TenantId tenant, int version, byte[] key) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    if (key.length != DataKey.LENGTH) {
      throw new IllegalArgumentException("key must be " + DataKey.LENGTH + " bytes");
    }
    if (version < 1 || version > 1_000_000) {
      throw new IllegalArgumentException("version must be between 1 and 1000000, got " + version);
    }
    SecretKeySpec spec = new SecretKeySpec(key, "AES");
    keys.compute(
        tenant,
        (t, versions) -> {
          TreeMap<Integer, SecretKeySpec> copy =
              versions == null ? new TreeMap<>() : new TreeMap<>(versions);
          SecretKeySpec existing = copy.putIfAbsent(version, spec);
          if (existing != null && !existing.equals(spec)) {
            throw new IllegalStateException(
                "master key " + keyId(tenant, version) + " was already set");
          }
          return copy;
        });
    return this;
  }

  /**
   * Forgets version {@code version} of the tenant's master key (after every recording was
   * re-wrapped to a newer one). Returns whether it was held.
   *
   * @param tenant the owning tenant
   * @param version the key's version
   * @return true if it was held
   */
  public boolean retireMasterKey(TenantId tenant, int version) {
    Objects.requireNonNull(tenant, "tenant");
    boolean[] removed = {false};
    keys.computeIfPresent(
        tenant,
        (t, versions) -> {
          TreeMap<Integer, SecretKeySpec> copy = new TreeMap<>(versions);
          removed[0] = copy.remove(version) != null;
          return copy.isEmpty() ? null : copy;
        });
    return removed[0];
  }

  /**
   * Crypto-shredding: forgets every master key of {@code tenant}, so no data key wrapped for it can
   * be unwrapped again and all of its recordings are unreadable. Destroy the host's copies too.
   * Returns how many versions were held.
   *
   * @param tenant the owning tenant
   * @return the number of versions forgotten
   */
  public int destroyMasterKeys(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    TreeMap<Integer, SecretKeySpec> removed = keys.remove(tenant);
    return removed == null ? 0 : removed.size();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public DataKey generateDataKey(TenantId tenant, Map<String, String> context) {
    Map.Entry<Integer, SecretKeySpec> current = current(tenant);
    byte[] plaintext = new byte[DataKey.LENGTH];
    random.nextBytes(plaintext);
    try {
      return new DataKey(plaintext, wrap(tenant, current, plaintext, context));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public byte[] unwrap(TenantId tenant, WrappedKey key, Map<String, String> context) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    int version = versionOf(tenant, key.keyId());
    TreeMap<Integer, SecretKeySpec> versions = keys.get(tenant);
    SecretKeySpec master = versions == null ? null : versions.get(version);
    if (master == null) {
      throw new KeyUnavailableException("master key " + key.keyId() + " is not available");
    }
    byte[] wrapped = key.ciphertext();
    if (wrapped.length != NONCE + DataKey.LENGTH + 16) {
      throw new TamperedDataException("wrapped key has the wrong length");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, master, new GCMParameterSpec(128, Arrays.copyOf(wrapped, NONCE)));
      cipher.updateAAD(aad(key.keyId(), context));
      return cipher.doFinal(wrapped, NONCE, wrapped.length - NONCE);
    } catch (AEADBadTagException e) {
      throw new TamperedDataException("wrapped key failed authentication", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  @Override
  public WrappedKey rewrap(TenantId tenant, WrappedKey key, Map<String, String> context) {
    Map.Entry<Integer, SecretKeySpec> current = current(tenant);
    if (key.keyId().equals(keyId(tenant, current.getKey()))) {
      unwrap(tenant, key, context);
      return key;
    }
    byte[] plaintext = unwrap(tenant, key, context);
    try {
      return wrap(tenant, current, plaintext, context);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public String currentKeyId(TenantId tenant) {
    return keyId(tenant, current(tenant).getKey());
  }

  private Map.Entry<Integer, SecretKeySpec> current(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    TreeMap<Integer, SecretKeySpec> versions = keys.get(tenant);
    if ((versions == null || versions.isEmpty()) && generateMissing) {
      byte[] fresh = new byte[DataKey.LENGTH];
      random.nextBytes(fresh);
      try {
        keys.computeIfAbsent(
            tenant,
            t -> {
              TreeMap<Integer, SecretKeySpec> made = new TreeMap<>();
              made.put(1, new SecretKeySpec(fresh, "AES"));
              return made;
            });
      } finally {
        Arrays.fill(fresh, (byte) 0);
      }
      versions = keys.get(tenant);
    }
    if (versions == null || versions.isEmpty()) {
      throw new KeyUnavailableException("tenant " + tenant + " has no master key");
    }
    return versions.lastEntry();
  }

  private WrappedKey wrap(
      TenantId tenant,
      Map.Entry<Integer, SecretKeySpec> master,
      byte[] plaintext,
      Map<String, String> context) {
    String keyId = keyId(tenant, master.getKey());
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, master.getValue(), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad(keyId, context));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return new WrappedKey(keyId, out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /** The key id and the context, sorted by name, as {@code keyId\nname=value\n...}. */
  private static byte[] aad(String keyId, Map<String, String> context) {
    StringBuilder text = new StringBuilder(keyId).append('\n');
    new TreeMap<>(context).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String keyId(TenantId tenant, int version) {
    return ID + ":" + tenant.value() + ":v" + version;
  }

  private static int versionOf(TenantId tenant, String keyId) {
    String prefix = ID + ":" + tenant.value() + ":v";
    if (!keyId.startsWith(prefix)) {
      throw new TamperedDataException("wrapped key " + keyId + " is not a key of tenant " + tenant);
    }
    try {
      return Integer.parseInt(keyId.substring(prefix.length()));
    } catch (NumberFormatException e) {
      throw new TamperedDataException("wrapped key id " + keyId + " is malformed", e);
    }
  }

  @Override
  public String toString() {
    return "LocalKeyProvider[" + keys.size() + " tenants]";
  }
}
