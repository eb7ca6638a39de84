package com.techradium.iris.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.core.AdminNotice;
import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.SecurityNotice;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyManagerTest {
  static final byte[] PEPPER =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final TenantId ACME = TenantId.of("acme");

  MutableClock clock;
  IrisContext context;
  CountingApiKeyStore store;
  ApiKeyManager keys;
  List<AdminNotice> admin = new CopyOnWriteArrayList<>();
  List<SecurityNotice> security = new CopyOnWriteArrayList<>();
  List<ExpiryWarning> warnings = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    clock = MutableClock.startingAtEpochOf2026();
    context = IrisContext.builder().clock(clock).build();
    context.events().subscribe(AdminNotice.class, admin::add);
    context.events().subscribe(SecurityNotice.class, security::add);
    store = new CountingApiKeyStore(new InMemoryApiKeyStore());
    keys =
        ApiKeyManager.builder()
            .context(context)
            .store(store)
            .pepper(PEPPER)
            .listener(warnings::add)
            .build();
  }

  IssuedApiKey create(NewApiKey request) {
    return keys.create(ACME, request, "admin-1");
  }

  @Test
  void aNewKeyMatchesThePublishedPatternAndValidates() {
    IssuedApiKey issued = create(NewApiKey.of("sync", "user-1").withScopes(Set.of("calls:*")));
    String secret = issued.secret().reveal();

    assertThat(secret)
        .matches(ApiKeyManager.KEY_PATTERN.replace("\\b", ""))
        .startsWith("iris_live_");
    assertThat(issued.key().hint())
        .isEqualTo(issued.secret().hint())
        .endsWith(secret.substring(42));
    KeyValidation v = keys.validate(secret, "203.0.113.9", Set.of("calls:read"));
    assertThat(v.valid()).isTrue();
    assertThat(v.keyId()).isEqualTo(issued.key().id());
    assertThat(v.tenant()).isEqualTo(ACME);
    assertThat(v.tier()).isEqualTo(ApiKeyTier.STANDARD);
    assertThat(v.scopes()).containsExactly("calls:*");
  }

  @Test
  void testKeysCarryTheirModeInThePrefix() {
    String secret = create(NewApiKey.of("t", "u").withMode(ApiKeyMode.TEST)).secret().reveal();
    assertThat(secret).startsWith("iris_test_");
    assertThat(keys.validate(secret, null).valid()).isTrue();
    String asLive = "iris_live_" + secret.substring(10);
    assertThat(keys.validate(asLive, null).check()).isEqualTo(KeyCheck.MALFORMED);
  }

  @Test
  void scopesAllowWildcardsAndRefuseWhatIsNotGranted() {
    String secret =
        create(NewApiKey.of("s", "u").withScopes(Set.of("calls:*", "sms:send"))).secret().reveal();

    assertThat(keys.validate(secret, null, Set.of("calls:recordings:read", "sms:send")).valid())
        .isTrue();
    assertThat(keys.validate(secret, null, Set.of("sms:read")).check())
        .isEqualTo(KeyCheck.MISSING_SCOPE);
    assertThat(keys.validate(secret, null, Set.of("callsx:read")).check())
        .isEqualTo(KeyCheck.MISSING_SCOPE);
    String all = create(NewApiKey.of("a", "u").withScopes(Set.of("*"))).secret().reveal();
    assertThat(keys.validate(all, null, Set.of("anything:at:all")).valid()).isTrue();
  }

  @Test
  void allowListsMatchIpv4Ipv6AndMappedAddresses() {
    String secret =
        create(
                NewApiKey.of("ip", "u")
                    .withAllowedIps(List.of("10.1.0.0/16", "2001:db8::/32", "192.0.2.7")))
            .secret()
            .reveal();

    assertThat(keys.validate(secret, "10.1.200.3").valid()).isTrue();
    assertThat(keys.validate(secret, "::ffff:10.1.2.3").valid()).isTrue();
    assertThat(keys.validate(secret, "2001:db8:1::5").valid()).isTrue();
    assertThat(keys.validate(secret, "192.0.2.7").valid()).isTrue();
    assertThat(keys.validate(secret, "10.2.0.1").check()).isEqualTo(KeyCheck.IP_NOT_ALLOWED);
    assertThat(keys.validate(secret, "2001:db9::1").check()).isEqualTo(KeyCheck.IP_NOT_ALLOWED);
    assertThat(keys.validate(secret, null).check()).isEqualTo(KeyCheck.IP_NOT_ALLOWED);
    assertThat(keys.validate(secret, "localhost").check()).isEqualTo(KeyCheck.IP_NOT_ALLOWED);
    assertThat(
            keys.get(ACME, keys.validate(secret, "192.0.2.7").keyId()).orElseThrow().allowedIps())
        .containsExactly("10.1.0.0/16", "192.0.2.7/32", "2001:db8::/32");
  }

  @Test
  void aMappedIpv6NetworkAllowsItsIpv4Addresses() {
    String secret =
        create(NewApiKey.of("m", "u").withAllowedIps(List.of("::ffff:10.0.0.0/104")))
            .secret()
            .reveal();
    assertThat(keys.validate(secret, "10.9.9.9").valid()).isTrue();
    assertThat(keys.validate(secret, "11.0.0.1").check()).isEqualTo(KeyCheck.IP_NOT_ALLOWED);
  }

  @Test
  void revokingRefusesTheKeyAtOnceAndPublishesNotices() {
    IssuedApiKey issued = create(NewApiKey.of("r", "u"));
    String secret = issued.secret().reveal();
    assertThat(keys.validate(secret, null).valid()).isTrue();

    ApiKey revoked = keys.revoke(ACME, issued.key().id(), "admin-2");

    assertThat(revoked.status()).isEqualTo(ApiKeyStatus.REVOKED);
    KeyValidation v = keys.validate(secret, "198.51.100.1");
    assertThat(v.check()).isEqualTo(KeyCheck.REVOKED);
    assertThat(admin)
        .extracting(AdminNotice::action)
        .containsExactly("api_key.create", "api_key.revoke");
    assertThat(admin.get(1).actorId()).isEqualTo("admin-2");
    assertThat(security)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.kind()).isEqualTo(SecurityNotice.Kind.KEY_MISUSE);
              assertThat(n.actorId()).isEqualTo(issued.key().id().toString());
              assertThat(n.details()).containsEntry("reason", "revoked");
              assertThat(n.ipAddress()).isEqualTo("198.51.100.1");
            });
    assertThat(keys.listActive(ACME, PageRequest.first()).items()).isEmpty();
    assertThat(keys.revoke(ACME, issued.key().id(), "admin-2").revokedAt())
        .isEqualTo(revoked.revokedAt());
    assertThat(admin).hasSize(2);
  }

  @Test
  void rotationKeepsBothSecretsDuringGraceAndOnlyTheNewOneAfter() {
    IssuedApiKey issued = create(NewApiKey.of("rot", "u"));
    String old = issued.secret().reveal();

    IssuedApiKey rotated = keys.rotate(ACME, issued.key().id(), Duration.ofHours(1), "admin-1");
    String fresh = rotated.secret().reveal();

    assertThat(rotated.key().id()).isEqualTo(issued.key().id());
    assertThat(fresh).isNotEqualTo(old);
    assertThat(keys.validate(fresh, null).valid()).isTrue();
    KeyValidation viaOld = keys.validate(old, null);
    assertThat(viaOld.valid()).isTrue();
    assertThat(viaOld.previousSecret()).isTrue();
    keys.flushUsage();
    ApiKey read = keys.get(ACME, issued.key().id()).orElseThrow();
    assertThat(read.previousSecretLastSeenAt()).isEqualTo(clock.instant());
    assertThat(read.previousSecretExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

    clock.advance(Duration.ofMinutes(59));
    assertThat(keys.validate(old, null).valid()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(keys.validate(old, null).check()).isEqualTo(KeyCheck.REVOKED);
    assertThat(keys.validate(fresh, null).valid()).isTrue();
  }

  @Test
  void rotationWithoutGraceEndsTheOldSecretAtOnce() {
    IssuedApiKey issued = create(NewApiKey.of("rot0", "u"));
    String old = issued.secret().reveal();
    assertThat(keys.validate(old, null).valid()).isTrue();

    keys.rotate(ACME, issued.key().id(), Duration.ZERO, "admin-1");

    assertThat(keys.validate(old, null).check()).isEqualTo(KeyCheck.UNKNOWN);
  }

  @Test
  void aRevokedKeyCannotBeRotatedAndAMissingOneIsNotFound() {
    IssuedApiKey issued = create(NewApiKey.of("x", "u"));
    keys.revoke(ACME, issued.key().id(), "admin-1");

    assertThatThrownBy(() -> keys.rotate(ACME, issued.key().id(), Duration.ZERO, "admin-1"))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(
            () -> keys.rotate(ACME, java.util.UUID.randomUUID(), Duration.ZERO, "admin-1"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void anExpiredKeyIsRefusedAndExpiredOnce() {
    IssuedApiKey issued =
        create(NewApiKey.of("e", "u").withExpiry(clock.instant().plus(Duration.ofHours(2))));
    String secret = issued.secret().reveal();
    assertThat(keys.validate(secret, null).valid()).isTrue();

    clock.advance(Duration.ofHours(2));

    assertThat(keys.validate(secret, null).check()).isEqualTo(KeyCheck.EXPIRED);
    assertThat(keys.expireKeys()).isEqualTo(1);
    assertThat(keys.expireKeys()).isZero();
    assertThat(admin).extracting(AdminNotice::action).contains("api_key.expire");
    assertThat(keys.get(ACME, issued.key().id()).orElseThrow().status())
        .isEqualTo(ApiKeyStatus.EXPIRED);
  }

  @Test
  void updatesChangeWhatValidationSees() {
    IssuedApiKey issued = create(NewApiKey.of("u", "u").withScopes(Set.of("calls:read")));
    String secret = issued.secret().reveal();
    assertThat(keys.validate(secret, null, Set.of("sms:send")).check())
        .isEqualTo(KeyCheck.MISSING_SCOPE);

    ApiKey updated =
        keys.update(
            ACME,
            issued.key().id(),
            ApiKeyUpdate.none()
                .withScopes(Set.of("sms:*"))
                .withTier(ApiKeyTier.PREMIUM)
                .withName("renamed"),
            "admin-1");

    assertThat(updated.name()).isEqualTo("renamed");
    KeyValidation v = keys.validate(secret, null, Set.of("sms:send"));
    assertThat(v.valid()).isTrue();
    assertThat(v.tier()).isEqualTo(ApiKeyTier.PREMIUM);
  }

  @Test
  void usageIsCountedPerHourAndDayAndWrittenInBatches() {
    IssuedApiKey issued = create(NewApiKey.of("use", "u"));
    String secret = issued.secret().reveal();
    Instant start = clock.instant();
    for (int i = 0; i < 5; i++) {
      keys.validate(secret, null);
    }
    assertThat(store.usageWrites).hasValue(0);
    clock.advance(Duration.ofHours(1));
    keys.validate(secret, null);
    clock.advance(Duration.ofDays(1));
    keys.validate(secret, null);

    assertThat(keys.flushUsage()).isEqualTo(7);
    assertThat(store.usageWrites).hasValue(1);

    UsageStats stats = keys.usage(ACME, issued.key().id(), start, clock.instant().plusSeconds(1));
    assertThat(stats.total()).isEqualTo(7);
    assertThat(stats.hourly()).extracting(UsageStats.Hour::count).containsExactly(5L, 1L, 1L);
    assertThat(stats.daily()).extracting(UsageStats.Day::count).containsExactly(6L, 1L);
    assertThat(keys.get(ACME, issued.key().id()).orElseThrow().lastUsedAt())
        .isEqualTo(clock.instant());
  }

  @Test
  void lastUsedIsWrittenAtMostOncePerMinute() {
    IssuedApiKey issued = create(NewApiKey.of("lu", "u"));
    String secret = issued.secret().reveal();
    Instant first = clock.instant();
    keys.validate(secret, null);
    keys.flushUsage();
    clock.advance(Duration.ofSeconds(30));
    keys.validate(secret, null);
    keys.flushUsage();
    assertThat(keys.get(ACME, issued.key().id()).orElseThrow().lastUsedAt()).isEqualTo(first);

    clock.advance(Duration.ofSeconds(40));
    keys.validate(secret, null);
    keys.flushUsage();
    assertThat(keys.get(ACME, issued.key().id()).orElseThrow().lastUsedAt())
        .isEqualTo(first.plusSeconds(60));
  }

  @Test
  void aFailedUsageWriteIsKeptForTheNextFlush() {
    String secret = create(NewApiKey.of("f", "u")).secret().reveal();
    keys.validate(secret, null);
    store.failUsage = true;
    assertThatThrownBy(keys::flushUsage)
        .isInstanceOf(com.techradium.iris.core.StorageException.class);
    store.failUsage = false;
    assertThat(keys.flushUsage()).isEqualTo(1);
  }

  @Test
  void expiryWarningsAreDeliveredOnceForEachLeadTime() {
    IssuedApiKey issued =
        create(NewApiKey.of("w", "u").withExpiry(clock.instant().plus(Duration.ofDays(40))));

    assertThat(keys.sendExpiryWarnings()).isZero();
    clock.advance(Duration.ofDays(11));
    assertThat(keys.sendExpiryWarnings()).isEqualTo(1);
    assertThat(keys.sendExpiryWarnings()).isZero();
    clock.advance(Duration.ofDays(22));
    keys.sendExpiryWarnings();
    clock.advance(Duration.ofDays(6));
    keys.sendExpiryWarnings();
    keys.sendExpiryWarnings();

    assertThat(warnings)
        .extracting(ExpiryWarning::lead)
        .containsExactly(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1));
    assertThat(warnings).allSatisfy(w -> assertThat(w.keyId()).isEqualTo(issued.key().id()));
    assertThat(keys.expiring(ACME, Duration.ofDays(2)))
        .extracting(ApiKey::id)
        .containsExactly(issued.key().id());
  }

  @Test
  void aKeyFirstSeenInsideALeadGetsOnlyTheSmallestCoveringWarning() {
    create(NewApiKey.of("late", "u").withExpiry(clock.instant().plus(Duration.ofDays(5))));
    keys.sendExpiryWarnings();
    assertThat(warnings).extracting(ExpiryWarning::lead).containsExactly(Duration.ofDays(7));
  }

  @Test
  void endedKeysAreDeletedAfterRetention() {
    IssuedApiKey issued = create(NewApiKey.of("d", "u"));
    keys.revoke(ACME, issued.key().id(), "admin-1");
    clock.advance(Duration.ofDays(89));
    assertThat(keys.deleteExpiredKeys()).isZero();
    clock.advance(Duration.ofDays(2));
    assertThat(keys.deleteExpiredKeys()).isEqualTo(1);
    assertThat(keys.get(ACME, issued.key().id())).isEmpty();
  }

  @Test
  void theExpiryChoresAreDeclaredAsHousekeeping() {
    assertThat(context.housekeeping().tasks())
        .extracting(t -> t.name())
        .contains(ApiKeyManager.HOUSEKEEPING_SCHEDULE);
    String result =
        context.housekeeping().tasks().stream()
            .filter(t -> t.name().equals(ApiKeyManager.HOUSEKEEPING_SCHEDULE))
            .findFirst()
            .orElseThrow()
            .work()
            .get();
    assertThat(result).isEqualTo("{\"expired\":0,\"warned\":0,\"deleted\":0}");
  }

  @Test
  void withoutAPepperKeysStillValidate() {
    ApiKeyManager plain =
        ApiKeyManager.builder().store(new InMemoryApiKeyStore()).clock(clock).build();
    String secret = plain.create(ACME, NewApiKey.of("p", "u"), "a").secret().reveal();
    assertThat(plain.validate(secret, null).valid()).isTrue();
    assertThat(keys.validate(secret, null).check()).isEqualTo(KeyCheck.UNKNOWN);
  }

  @Test
  void theCacheAnswersRepeatedValidationsWithoutTheStore() {
    String secret = create(NewApiKey.of("c", "u")).secret().reveal();
    for (int i = 0; i < 100; i++) {
      assertThat(keys.validate(secret, null).valid()).isTrue();
    }
    assertThat(store.lookups).hasValue(1);
  }
}
