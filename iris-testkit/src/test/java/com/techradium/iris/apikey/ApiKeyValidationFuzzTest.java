package com.techradium.iris.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.core.TenantId;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever is presented, validation refuses it unless it is a key; bad checksums cost no lookup.
 */
class ApiKeyValidationFuzzTest {
  static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  final Random random = new Random(20261202L);
  CountingApiKeyStore store;
  ApiKeyManager keys;
  String real;

  @BeforeEach
  void setUp() {
    store = new CountingApiKeyStore(new InMemoryApiKeyStore());
    keys = ApiKeyManager.builder().store(store).pepper(ApiKeyManagerTest.PEPPER).build();
    real =
        keys.create(TenantId.of("fuzz"), NewApiKey.of("k", "u").withScopes(Set.of("*")), "a")
            .secret()
            .reveal();
  }

  @Test
  void randomStringsAreMalformedWithoutALookup() {
    for (int i = 0; i < 20_000; i++) {
      int length = random.nextInt(80);
      StringBuilder s = new StringBuilder();
      for (int j = 0; j < length; j++) {
        s.append((char) random.nextInt(0x3000));
      }
      assertThat(keys.validate(s.toString(), null).check()).isEqualTo(KeyCheck.MALFORMED);
    }
    assertThat(store.lookups).hasValue(0);
  }

  @Test
  void everySingleCharacterChangeIsRejectedAndChecksumFailuresMakeNoLookup() {
    int unknown = 0;
    for (int position = 0; position < real.length(); position++) {
      for (char c : BASE62.toCharArray()) {
        if (real.charAt(position) == c) {
          continue;
        }
        String mutated = real.substring(0, position) + c + real.substring(position + 1);
        KeyCheck check = keys.validate(mutated, null).check();
        assertThat(check).isIn(KeyCheck.MALFORMED, KeyCheck.UNKNOWN);
        if (check == KeyCheck.UNKNOWN) {
          unknown++;
        }
      }
    }
    // A CRC32 catches every single-character change: nothing reached the store.
    assertThat(unknown).isZero();
    assertThat(store.lookups).hasValue(0);
  }

  @Test
  void randomBodiesWithWrongChecksumsAndPrefixesAreRejectedWithoutALookup() {
    String[] prefixes = {
      "iris_live_", "iris_test_", "iris_prod_", "IRIS_LIVE_", "iris-live-", "sk_live_", ""
    };
    for (int i = 0; i < 20_000; i++) {
      String prefix = prefixes[random.nextInt(prefixes.length)];
      StringBuilder s = new StringBuilder(prefix);
      for (int j = 0; j < 36; j++) {
        s.append(BASE62.charAt(random.nextInt(62)));
      }
      KeyCheck check = keys.validate(s.toString(), null).check();
      assertThat(check).isIn(KeyCheck.MALFORMED, KeyCheck.UNKNOWN);
    }
    // About one in 2^32 random bodies has a valid checksum: at most a handful of lookups.
    assertThat(store.lookups.get()).isLessThanOrEqualTo(2);
  }

  @Test
  void oversizedUnicodeAndLookalikeInputIsMalformed() {
    assertThat(keys.validate(real + "x", null).check()).isEqualTo(KeyCheck.MALFORMED);
    assertThat(keys.validate(real.repeat(100_000), null).check()).isEqualTo(KeyCheck.MALFORMED);
    assertThat(keys.validate(" " + real.substring(1), null).check()).isEqualTo(KeyCheck.MALFORMED);
    assertThat(keys.validate(real.substring(0, 45) + "é", null).check())
        .isEqualTo(KeyCheck.MALFORMED);
    // Fullwidth digits and letters look like base62 but are not.
    assertThat(keys.validate(real.substring(0, 45) + "\uFF10", null).check())
        .isEqualTo(KeyCheck.MALFORMED);
    assertThat(keys.validate(real.substring(0, 45) + "\u0000", null).check())
        .isEqualTo(KeyCheck.MALFORMED);
    assertThat(keys.validate("", null).check()).isEqualTo(KeyCheck.MALFORMED);
    assertThat(store.lookups).hasValue(0);
    assertThat(keys.validate(real, null).valid()).isTrue();
  }

  @Test
  void theDocumentedExampleAndChecksumRecipeAgree() {
    // docs/apikeys.md: CRC32 of the first 40 characters as 6 base62 digits, most significant first.
    assertThat(ApiKeyFormat.wellFormed("iris_live_4mZk0dUqP7LzR2cV9wXe3HbN6tYj1s1RTezu")).isTrue();
    assertThat(ApiKeyFormat.wellFormed("iris_test_4mZk0dUqP7LzR2cV9wXe3HbN6tYj1s1RTezu")).isFalse();
    assertThat("iris_live_4mZk0dUqP7LzR2cV9wXe3HbN6tYj1s1RTezu").matches(ApiKeyManager.KEY_PATTERN);
  }

  @Test
  void aWellFormedKeyNoOneHoldsIsUnknown() {
    String stranger = ApiKeyFormat.generate(ApiKeyMode.LIVE);
    assertThat(keys.validate(stranger, null).check()).isEqualTo(KeyCheck.UNKNOWN);
    assertThat(keys.validate(stranger, null).check()).isEqualTo(KeyCheck.UNKNOWN);
    // Unknown hashes are never cached: each one asks the store.
    assertThat(store.lookups).hasValue(2);
  }
}
