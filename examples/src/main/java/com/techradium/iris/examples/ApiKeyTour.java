package com.techradium.iris.examples;

import com.techradium.iris.apikey.ApiKey;
import com.techradium.iris.apikey.ApiKeyManager;
import com.techradium.iris.apikey.ApiKeyTier;
import com.techradium.iris.apikey.IssuedApiKey;
import com.techradium.iris.apikey.KeyValidation;
import com.techradium.iris.apikey.NewApiKey;
import com.techradium.iris.apikey.UsageStats;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A short tour of {@link ApiKeyManager}: a key with wildcard scopes and an IP allow-list,
 * validations that pass and fail, a rotation with a grace period, a revocation, and usage. Keys are
 * shown by their hint only, as a host's logs should.
 */
public final class ApiKeyTour {
  private static final TenantId TENANT = TenantId.of("demo");

  private ApiKeyTour() {}

  /** Runs the tour on {@code keys}, printing to {@code out}. */
  public static void run(PrintStream out, ApiKeyManager keys) {
    Instant start = Instant.now();
    out.println("API keys: created once, stored as a peppered hash, validated from a cache");
    IssuedApiKey issued =
        keys.create(
            TENANT,
            NewApiKey.of("billing sync", "user-42")
                .withScopes(Set.of("calls:*", "sms:send"))
                .withAllowedIps(List.of("10.0.0.0/8", "2001:db8::/32"))
                .withTier(ApiKeyTier.PREMIUM),
            "user-42");
    String secret = issued.secret().reveal();
    out.printf(
        "  created %s (matches %s: %b)%n",
        issued.secret(), ApiKeyManager.KEY_PATTERN, secret.matches(ApiKeyManager.KEY_PATTERN));
    show(out, "calls:read from 10.1.2.3", keys.validate(secret, "10.1.2.3", Set.of("calls:read")));
    show(
        out,
        "sms:send from ::ffff:10.9.9.9",
        keys.validate(secret, "::ffff:10.9.9.9", Set.of("sms:send")));
    show(out, "sms:read from 10.1.2.3", keys.validate(secret, "10.1.2.3", Set.of("sms:read")));
    show(
        out, "calls:read from 192.0.2.1", keys.validate(secret, "192.0.2.1", Set.of("calls:read")));
    show(
        out,
        "a mistyped key",
        keys.validate(secret.substring(0, 20) + "x" + secret.substring(21), "10.1.2.3"));

    IssuedApiKey rotated = keys.rotate(TENANT, issued.key().id(), Duration.ofHours(1), "user-42");
    out.printf("  rotated to %s with one hour of grace%n", rotated.secret());
    show(out, "the old secret during grace", keys.validate(secret, "10.1.2.3"));
    show(out, "the new secret", keys.validate(rotated.secret().reveal(), "10.1.2.3"));

    keys.flushUsage();
    ApiKey read = keys.get(TENANT, issued.key().id()).orElseThrow();
    out.printf(
        "  old secret last seen %s; active keys %d%n",
        read.previousSecretLastSeenAt() != null ? "just now" : "never",
        keys.listActive(TENANT, PageRequest.first()).items().size());
    UsageStats usage =
        keys.usage(TENANT, read.id(), start.minusSeconds(3600), Instant.now().plusSeconds(1));
    out.printf("  usage: %d validations counted%n", usage.total());

    keys.revoke(TENANT, issued.key().id(), "user-42");
    show(out, "the new secret after revoke", keys.validate(rotated.secret().reveal(), "10.1.2.3"));
  }

  private static void show(PrintStream out, String what, KeyValidation v) {
    out.printf(
        "  validate %-30s -> %s%s%n",
        what, v.check().reason(), v.valid() ? " (tier " + v.tier() + ")" : "");
  }
}
