package com.techradium.iris.redis.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.NotFoundException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobLease;
import com.techradium.iris.job.JobProgress;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.RetryBackoff;
import com.techradium.iris.job.spi.NewJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Converts between jobs and the Redis job hash (field names are documented in {@code lib.lua}), and
 * decodes script replies. Stateless.
 */
final class JobFields {
  private JobFields() {}

  /**
   * The arguments {@code new_job} in {@code lib.lua} reads for one new job.
   *
   * @param payload the job's payload as {@link #canonicalJson}
   */
  static void appendNewJob(List<String> args, NewJob n, String payload) {
    args.add(n.id().toString());
    args.add(n.queue());
    args.add(n.type());
    args.add(payload);
    args.add(Integer.toString(n.priority()));
    args.add(millis(n.runAt()));
    args.add(Integer.toString(n.maxAttempts()));
    args.add(Long.toString(n.timeout().toMillis()));
    RetryBackoff backoff = n.backoff();
    args.add(backoff == null ? "" : Long.toString(backoff.initial().toMillis()));
    args.add(backoff == null ? "" : Long.toString(backoff.max().toMillis()));
    args.add(n.idempotencyKey() == null ? "" : n.idempotencyKey());
    Instant keyExpiry = n.idempotencyExpiresAt();
    args.add(keyExpiry == null ? "" : millis(keyExpiry));
    StringBuilder parents = new StringBuilder();
    for (UUID parent : n.parentIds()) {
      if (parents.length() > 0) {
        parents.append(',');
      }
      parents.append(parent);
    }
    args.add(parents.toString());
    args.add(n.parentFailurePolicy().name());
  }

  /**
   * The hash fields a change from {@code before} to {@code after} writes, as field/value pairs
   * ({@code ""} removes a field), for {@code cas.lua}: the fields that update, retry and cancel
   * change. {@code updatedAt} is set by the script.
   */
  static List<String> changes(Job before, Job after) {
    List<String> out = new ArrayList<>();
    diff(out, "st", before.state().name(), after.state().name());
    diff(out, "ra", millis(before.runAt()), millis(after.runAt()));
    diff(out, "pr", Integer.toString(before.priority()), Integer.toString(after.priority()));
    if (!before.payload().equals(after.payload())) {
      out.add("pl");
      out.add(canonicalJson(after.payload()));
    }
    diff(out, "at", Integer.toString(before.attempts()), Integer.toString(after.attempts()));
    diff(out, "ma", Integer.toString(before.maxAttempts()), Integer.toString(after.maxAttempts()));
    diff(out, "cr", before.cancelRequested() ? "1" : "0", after.cancelRequested() ? "1" : "0");
    diff(out, "fa", optionalMillis(before.finishedAt()), optionalMillis(after.finishedAt()));
    diff(out, "er", orEmpty(before.lastError()), orEmpty(after.lastError()));
    return out;
  }

  private static void diff(List<String> out, String field, String before, String after) {
    if (!before.equals(after)) {
      out.add(field);
      out.add(after);
    }
  }

  private static String optionalMillis(@Nullable Instant instant) {
    return instant == null ? "" : millis(instant);
  }

  private static String orEmpty(@Nullable String text) {
    return text == null ? "" : text;
  }

  /**
   * The payload re-serialised with sorted keys and no whitespace, so that equal JSON documents are
   * equal strings and the idempotency check can compare them inside Redis.
   */
  static String canonicalJson(String json) {
    try {
      Object value = IrisJson.mapper().readValue(json, Object.class);
      return IrisJson.write(value);
    } catch (JsonProcessingException e) {
      throw new ValidationException("payload", "must be a JSON document");
    }
  }

  static String millis(Instant instant) {
    return Long.toString(instant.toEpochMilli());
  }

  /**
   * The job of an {@code {'OK', job}} script reply, or the exception an error reply names: {@code
   * NOTFOUND}, {@code CONFLICT message}, {@code INVALID field message}.
   */
  static Job okJob(UUID id, Object reply) {
    List<?> r = list(reply);
    String status = text(r.get(0));
    switch (status) {
      case "OK":
        return job(r.get(1));
      case "NOTFOUND":
        throw NotFoundException.of("job", id);
      case "CONFLICT":
        throw new ConflictException(text(r.get(1)));
      case "INVALID":
        throw new ValidationException(text(r.get(1)), text(r.get(2)));
      default:
        throw new IllegalStateException("unexpected job script reply " + status);
    }
  }

  /** A job from a script reply element: a flat list of field, value, field, value... */
  static Job job(Object reply) {
    return job(hash(reply));
  }

  /** A job from its hash fields. */
  static Job job(Map<String, String> f) {
    JobState state = JobState.valueOf(f.get("st"));
    String bi = f.get("bi");
    String bm = f.get("bm");
    String leaseToken = f.get("lt");
    JobLease lease =
        leaseToken == null
            ? null
            : new JobLease(f.get("lo"), UUID.fromString(leaseToken), instant(f.get("le")));
    String percent = f.get("gp");
    JobProgress progress =
        percent == null
            ? null
            : new JobProgress(Integer.parseInt(percent), f.get("gm"), instant(f.get("gt")));
    return new Job(
        UUID.fromString(f.get("id")),
        TenantId.of(f.get("t")),
        f.get("q"),
        f.get("ty"),
        f.get("pl"),
        Integer.parseInt(f.get("pr")),
        state,
        instant(f.get("ra")),
        Integer.parseInt(f.get("at")),
        Integer.parseInt(f.get("ma")),
        Duration.ofMillis(Long.parseLong(f.get("to"))),
        bi == null
            ? null
            : new RetryBackoff(
                Duration.ofMillis(Long.parseLong(bi)), Duration.ofMillis(Long.parseLong(bm))),
        f.get("ik"),
        optionalInstant(f.get("ie")),
        parents(f.get("pa")),
        ParentFailurePolicy.valueOf(f.get("pp")),
        "1".equals(f.get("cr")),
        lease,
        f.get("er"),
        f.get("rs"),
        instant(f.get("ca")),
        instant(f.get("ua")),
        optionalInstant(f.get("sa")),
        optionalInstant(f.get("fa")),
        progress);
  }

  private static List<UUID> parents(@Nullable String joined) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = new ArrayList<>();
    for (String id : joined.split(",")) {
      ids.add(UUID.fromString(id));
    }
    return ids;
  }

  static Instant instant(String millis) {
    return Instant.ofEpochMilli(Long.parseLong(millis));
  }

  static @Nullable Instant optionalInstant(@Nullable String millis) {
    return millis == null ? null : instant(millis);
  }

  /** A flat field/value reply as a map. */
  static Map<String, String> hash(Object reply) {
    List<?> flat = list(reply);
    Map<String, String> fields = new HashMap<>(flat.size());
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(text(flat.get(i)), text(flat.get(i + 1)));
    }
    return fields;
  }

  /** A reply element that is a list. */
  static List<?> list(@Nullable Object reply) {
    if (reply instanceof List<?> items) {
      return items;
    }
    throw new IllegalStateException("expected a list reply from Redis, got " + reply);
  }

  /** A reply element as text. */
  static String text(@Nullable Object reply) {
    if (reply instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (reply instanceof String s) {
      return s;
    }
    if (reply instanceof Long n) {
      return n.toString();
    }
    throw new IllegalStateException(
        "expected a text reply from Redis, got "
            + (reply instanceof Object[] a ? Arrays.toString(a) : reply));
  }

  /** A reply element as a number. */
  static long number(@Nullable Object reply) {
    if (reply instanceof Long n) {
      return n;
    }
    return Long.parseLong(text(reply));
  }
}
