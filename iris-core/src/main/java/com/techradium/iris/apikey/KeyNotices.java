package com.techradium.iris.apikey;

import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.core.AdminNotice;
import com.techradium.iris.core.IrisEvents;
import com.techradium.iris.core.NoticeActor;
import com.techradium.iris.core.SecurityNotice;
import java.net.InetAddress;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tells the other facades of the context what happened to keys: admin notices for created, rotated,
 * updated, revoked and expired keys, security notices ({@code KEY_MISUSE}) for refused keys that
 * were found. Notices name keys by id; a secret never appears in one.
 */
final class KeyNotices {
  static final String TARGET = "api_key";

  private final IrisEvents events;

  KeyNotices(IrisEvents events) {
    this.events = events;
  }

  void admin(ApiKeyRecord key, String actor, String action, Map<String, String> details) {
    NoticeActor kind = actor.equals("system") ? NoticeActor.SYSTEM : NoticeActor.USER;
    events.publish(
        new AdminNotice(key.tenant(), actor, kind, action, TARGET, key.id().toString(), details));
  }

  void misuse(ApiKeyRecord key, KeyCheck check, @Nullable String ip) {
    InetAddress address = CidrBlock.address(ip);
    events.publish(
        new SecurityNotice(
            key.tenant(),
            SecurityNotice.Kind.KEY_MISUSE,
            key.id().toString(),
            NoticeActor.API_KEY,
            "api_key.validate",
            address == null ? null : com.google.common.net.InetAddresses.toAddrString(address),
            Map.of("reason", check.reason(), "key", key.hint())));
  }
}
