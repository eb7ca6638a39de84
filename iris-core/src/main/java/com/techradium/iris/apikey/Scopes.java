package com.techradium.iris.apikey;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scope syntax and matching. A scope is {@code *} or segments of {@code [a-z0-9_.-]} joined by
 * {@code :}, the last of which may be {@code *}. A granted {@code calls:*} allows every scope that
 * starts with {@code calls:}; {@code *} allows every scope. Stateless and thread-safe.
 */
final class Scopes {
  static final int MAX_SCOPES = 100;
  static final int MAX_LENGTH = 100;
  private static final Pattern SYNTAX =
      Pattern.compile("\\*|[a-z0-9_.-]+(?::[a-z0-9_.-]+)*(?::\\*)?");

  private Scopes() {}

  /** Whether {@code scope} is well-formed. */
  static boolean valid(String scope) {
    return scope.length() <= MAX_LENGTH && SYNTAX.matcher(scope).matches();
  }

  /** The prefixes the wildcards of {@code granted} allow ({@code "calls:"} for {@code calls:*}). */
  static List<String> wildcardPrefixes(Set<String> granted) {
    List<String> prefixes = new ArrayList<>();
    for (String scope : granted) {
      if (scope.equals("*")) {
        prefixes.add("");
      } else if (scope.endsWith(":*")) {
        prefixes.add(scope.substring(0, scope.length() - 1));
      }
    }
    return List.copyOf(prefixes);
  }

  /** Whether the granted scopes (and their wildcard prefixes) allow {@code required}. */
  static boolean allows(Set<String> granted, List<String> prefixes, String required) {
    if (granted.contains(required)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (required.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
