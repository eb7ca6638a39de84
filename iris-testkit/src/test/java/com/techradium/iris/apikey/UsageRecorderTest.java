package com.techradium.iris.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.apikey.memory.InMemoryApiKeyStore;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Usage counted by many threads while flushes run: no validation lost, none counted twice. */
class UsageRecorderTest {
  @Test
  void concurrentValidationsAndFlushesCountEveryUseExactlyOnce() throws Exception {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    CountingApiKeyStore store = new CountingApiKeyStore(new InMemoryApiKeyStore());
    ApiKeyManager keys = ApiKeyManager.builder().store(store).clock(clock).build();
    TenantId tenant = TenantId.of("usage");
    IssuedApiKey issued = keys.create(tenant, NewApiKey.of("u", "u"), "a");
    String secret = issued.secret().reveal();
    int threads = 8;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    keys.validate(secret, null);
                  }
                  return null;
                }));
      }
      Future<Long> flusher =
          pool.submit(
              () -> {
                start.await();
                long written = 0;
                for (int i = 0; i < 200; i++) {
                  written += keys.flushUsage();
                }
                return written;
              });
      start.countDown();
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
      long written = flusher.get(60, TimeUnit.SECONDS) + keys.flushUsage();
      assertThat(written).isEqualTo((long) threads * perThread);
    } finally {
      pool.shutdownNow();
    }
    UsageStats stats =
        keys.usage(
            tenant,
            issued.key().id(),
            clock.instant().minusSeconds(3600),
            clock.instant().plusSeconds(3600));
    assertThat(stats.total()).isEqualTo((long) threads * perThread);
  }

  @Test
  void quietKeysAreForgottenAndCountedAgainWhenUsed() {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    InMemoryApiKeyStore memory = new InMemoryApiKeyStore();
    UsageRecorder recorder = new UsageRecorder(memory, 1);
    ApiKeyManager keys = ApiKeyManager.builder().store(memory).clock(clock).build();
    TenantId tenant = TenantId.of("quiet");
    UUID first = keys.create(tenant, NewApiKey.of("a", "u"), "a").key().id();
    UUID second = keys.create(tenant, NewApiKey.of("b", "u"), "a").key().id();

    recorder.record(tenant, first, clock.instant(), false);
    recorder.flush(clock.instant());
    clock.advance(Duration.ofHours(3));
    recorder.flush(clock.instant());
    recorder.record(tenant, second, clock.instant(), false);
    recorder.flush(clock.instant());

    assertThat(memory.get(tenant, second).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());
    assertThat(recorder.dropped()).isZero();
  }
}
