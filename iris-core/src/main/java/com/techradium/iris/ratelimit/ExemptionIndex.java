package com.techradium.iris.ratelimit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A tenant's active exemptions, indexed for the request path. Immutable. */
final class ExemptionIndex {
  static final ExemptionIndex NONE = new ExemptionIndex(List.of());

  private record Entry(Exemption exemption, IpBlocks.@Nullable Block block) {}

  private final Map<String, List<Exemption>> users = new HashMap<>();
  private final Map<String, List<Exemption>> keys = new HashMap<>();
  private final List<Entry> blocks = new ArrayList<>();
  private final boolean empty;

  ExemptionIndex(List<Exemption> exemptions) {
    for (Exemption e : exemptions) {
      switch (e.target()) {
        case USER -> users.computeIfAbsent(e.value(), v -> new ArrayList<>()).add(e);
        case API_KEY -> keys.computeIfAbsent(e.value(), v -> new ArrayList<>()).add(e);
        case IP -> blocks.add(new Entry(e, IpBlocks.block("value", e.value())));
      }
    }
    this.empty = exemptions.isEmpty();
  }

  boolean isEmpty() {
    return empty;
  }

  /** Whether the request is exempt from {@code rule} at {@code now}. */
  boolean exempt(RateLimitRequest request, byte @Nullable [] ip, String rule, Instant now) {
    if (empty) {
      return false;
    }
    if (request.user() != null && covers(users.get(request.user()), rule, now)) {
      return true;
    }
    if (request.apiKey() != null && covers(keys.get(request.apiKey()), rule, now)) {
      return true;
    }
    if (ip != null) {
      for (Entry entry : blocks) {
        if (entry.block() != null
            && entry.block().contains(ip)
            && entry.exemption().activeAt(now)
            && entry.exemption().covers(rule)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean covers(@Nullable List<Exemption> list, String rule, Instant now) {
    if (list == null) {
      return false;
    }
    for (Exemption e : list) {
      if (e.activeAt(now) && e.covers(rule)) {
        return true;
      }
    }
    return false;
  }
}
