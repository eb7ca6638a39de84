package com.techradium.iris.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.core.AdminNotice;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.SecurityNotice;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The full key appears nowhere but in {@link ApiKeySecret#reveal()}: not in logs (slf4j-simple
 * writes to System.err, captured here), exception messages, {@code toString}s, notices or stored
 * records.
 */
class ApiKeySecretLeakTest {
  @Test
  void theKeyIsNeverLoggedPrintedThrownPublishedOrStored() {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    IrisContext context = IrisContext.builder().clock(clock).build();
    List<Object> notices = new ArrayList<>();
    context.events().subscribe(AdminNotice.class, notices::add);
    context.events().subscribe(SecurityNotice.class, notices::add);
    // Listeners that fail make the events hub log, with the notice in the message arguments.
    context
        .events()
        .subscribe(
            SecurityNotice.class,
            n -> {
              throw new IllegalStateException("listener failed on " + n);
            });
    InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    CountingApiKeyStore failing = new CountingApiKeyStore(store);
    List<String> texts = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    List<String> secrets = new ArrayList<>();
    try {
      // No pepper: the manager warns in the log.
      ApiKeyManager keys = ApiKeyManager.builder().context(context).store(failing).build();
      TenantId tenant = TenantId.of("leak");
      IssuedApiKey issued =
          keys.create(tenant, NewApiKey.of("k", "u").withAllowedIps(List.of("10.0.0.0/8")), "a");
      secrets.add(issued.secret().reveal());
      IssuedApiKey rotated = keys.rotate(tenant, issued.key().id(), Duration.ofMinutes(5), "a");
      secrets.add(rotated.secret().reveal());
      texts.add(issued.toString());
      texts.add(rotated.toString());
      texts.add(issued.secret().toString());
      for (String secret : secrets) {
        texts.add(keys.validate(secret, "192.0.2.1", Set.of("x")).toString());
        texts.add(keys.validate(secret, "10.0.0.1", Set.of()).toString());
        texts.add(keys.validate(secret + "x", null).toString());
      }
      failing.failUsage = true;
      try {
        keys.flushUsage();
      } catch (RuntimeException e) {
        texts.add(e.toString());
      }
      try {
        keys.rotate(tenant, issued.key().id(), Duration.ofDays(99), "a");
      } catch (RuntimeException e) {
        texts.add(e.toString());
      }
      keys.revoke(tenant, issued.key().id(), "a");
      texts.add(keys.validate(secrets.get(1), "10.0.0.1").toString());
      texts.add(keys.get(tenant, issued.key().id()).orElseThrow().toString());
      texts.add(store.get(tenant, issued.key().id()).orElseThrow().toString());
      texts.add(store.get(tenant, issued.key().id()).orElseThrow().secretHash());
    } finally {
      System.setErr(original);
    }
    texts.add(captured.toString(StandardCharsets.UTF_8));
    notices.forEach(n -> texts.add(n.toString()));

    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("plain SHA-256");
    assertThat(notices).isNotEmpty();
    for (String secret : secrets) {
      String body = secret.substring(10, 40);
      for (String text : texts) {
        assertThat(text).doesNotContain(secret).doesNotContain(body);
      }
    }
  }
}
