package com.techradium.iris.ratelimit;

import com.techradium.iris.core.IrisEvents;
import com.techradium.iris.core.NoticeActor;
import com.techradium.iris.core.SecurityNotice;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates denials per (tenant, rule, scope key, hour) before they reach the store and the audit
 * log: the first denial of a key in an hour is written and published at once; later ones are
 * counted and written (and published, as one notice with the count) at most once per {@code
 * interval} per key, on the next denial after it or by {@link #flush}. A flood of a million denials
 * is a handful of writes and notices.
 */
final class ViolationRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(ViolationRecorder.class);

  private record Key(TenantId tenant, String rule, String scopeKey, Instant hour) {}

  /** Who was denied, for the notice. */
  record Who(String actorId, NoticeActor actor, @Nullable String ip) {}

  private static final class Pending {
    long count;
    @Nullable Instant first;
    @Nullable Instant last;
    @Nullable Instant flushedAt;
    Who who;
    final boolean publish;

    Pending(Who who, boolean publish) {
      this.who = who;
      this.publish = publish;
    }
  }

  private final RateLimitStore store;
  private final IrisEvents events;
  private final Duration interval;
  private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
  private final LongAdder denials = new LongAdder();

  ViolationRecorder(RateLimitStore store, IrisEvents events, Duration interval) {
    this.store = store;
    this.events = events;
    this.interval = interval;
  }

  /** Every denial this recorder was told of, since it was built. */
  long denials() {
    return denials.sum();
  }

  /**
   * Counts a denial of {@code rule} for {@code scopeKey}.
   *
   * @param publish whether the written counts are published as security notices (false when another
   *     party records the denial as a security event: a login lockout the audit log records)
   */
  void denied(
      TenantId tenant, String rule, String scopeKey, Who who, Instant now, boolean publish) {
    denials.increment();
    Key key = new Key(tenant, rule, scopeKey, now.truncatedTo(ChronoUnit.HOURS));
    Pending p = pending.computeIfAbsent(key, k -> new Pending(who, publish));
    Violation batch = null;
    synchronized (p) {
      p.count++;
      p.who = who;
      if (p.first == null) {
        p.first = now;
      }
      p.last = now;
      if (p.flushedAt == null || !now.isBefore(p.flushedAt.plus(interval))) {
        batch = take(key, p, now);
      }
    }
    if (batch != null) {
      write(key, batch, who, p.publish);
    }
  }

  /** Writes every count not written yet and forgets keys of past hours; returns the writes. */
  int flush(Instant now) {
    int writes = 0;
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    for (Map.Entry<Key, Pending> entry : pending.entrySet()) {
      Pending p = entry.getValue();
      Violation batch;
      Who who;
      synchronized (p) {
        batch = p.count > 0 ? take(entry.getKey(), p, now) : null;
        who = p.who;
      }
      if (batch != null) {
        write(entry.getKey(), batch, who, p.publish);
        writes++;
      }
      if (entry.getKey().hour().isBefore(hour)) {
        pending.remove(entry.getKey(), p);
      }
    }
    return writes;
  }

  private static Violation take(Key key, Pending p, Instant now) {
    Violation v =
        new Violation(
            key.rule(),
            key.scopeKey(),
            key.hour(),
            p.count,
            p.first == null ? now : p.first,
            p.last == null ? now : p.last);
    p.count = 0;
    p.first = null;
    p.last = null;
    p.flushedAt = now;
    return v;
  }

  private void write(Key key, Violation v, Who who, boolean publish) {
    try {
      store.recordViolations(key.tenant(), List.of(v));
    } catch (StorageException e) {
      LOG.warn("could not record {} rate-limit denials of rule {}", v.count(), v.rule(), e);
    }
    if (!publish) {
      return;
    }
    events.publish(
        new SecurityNotice(
            key.tenant(),
            SecurityNotice.Kind.RATE_LIMIT_VIOLATION,
            who.actorId(),
            who.actor(),
            "rate_limit.exceeded",
            who.ip(),
            Map.of(
                "rule", v.rule(),
                "scope", v.scopeKey(),
                "count", Long.toString(v.count()))));
  }
}
