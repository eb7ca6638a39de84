package com.techradium.iris.apikey;

import com.techradium.iris.core.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Checks and normalises the fields of {@link NewApiKey} and {@link ApiKeyUpdate}. Stateless. */
final class KeyInput {
  static final int MAX_TEXT = 200;
  static final int MAX_ALLOWED_IPS = 100;
  static final int MAX_METADATA = 20;
  static final int MAX_METADATA_KEY = 100;
  static final int MAX_METADATA_VALUE = 1000;

  private KeyInput() {}

  static void name(Validation v, @Nullable String name) {
    v.text("name", name, MAX_TEXT);
  }

  static void owner(Validation v, String owner) {
    v.text("owner", owner, MAX_TEXT);
  }

  static void scopes(Validation v, Set<String> scopes) {
    v.check(scopes.size() <= Scopes.MAX_SCOPES, "scopes", "must be at most 100 scopes");
    for (String scope : new TreeSet<>(scopes)) {
      v.check(
          Scopes.valid(scope),
          "scopes",
          "'"
              + printable(scope)
              + "' is not a scope: use '*' or segments of a-z, 0-9, '_', '.', '-' joined by ':',"
              + " optionally ending in ':*'");
    }
  }

  /** Checks the allow-list and returns it in canonical form (only meaningful if no error). */
  static List<String> allowedIps(Validation v, List<String> entries) {
    v.check(entries.size() <= MAX_ALLOWED_IPS, "allowedIps", "must be at most 100 entries");
    List<String> canonical = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i);
      Optional<CidrBlock> block = entry == null ? Optional.empty() : CidrBlock.parse(entry.strip());
      v.check(
          block.isPresent(),
          "allowedIps[" + i + "]",
          "is not an IPv4 or IPv6 address or CIDR block (names are not resolved)");
      block.ifPresent(b -> canonical.add(b.toString()));
    }
    return List.copyOf(new TreeSet<>(canonical));
  }

  static void expiry(Validation v, @Nullable Instant expiresAt, Instant now) {
    v.check(expiresAt == null || expiresAt.isAfter(now), "expiresAt", "must be in the future");
  }

  static void metadata(Validation v, Map<String, String> metadata) {
    v.check(metadata.size() <= MAX_METADATA, "metadata", "must have at most 20 entries");
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(metadata).entrySet()) {
      v.text("metadata key", e.getKey(), MAX_METADATA_KEY);
      v.optionalText("metadata." + printable(e.getKey()), e.getValue(), MAX_METADATA_VALUE);
    }
  }

  /** Scopes sorted, for storage. */
  static List<String> sorted(Set<String> scopes) {
    return List.copyOf(new TreeSet<>(scopes));
  }

  private static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    StringBuilder out = new StringBuilder();
    cut.codePoints()
        .forEach(cp -> out.append(Character.isISOControl(cp) ? "?" : Character.toString(cp)));
    return out.toString();
  }
}
