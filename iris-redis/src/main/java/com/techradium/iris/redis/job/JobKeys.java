package com.techradium.iris.redis.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.redis.internal.RedisKeys;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names the job store's keys, the same way {@code lib.lua} does: {@code iris:{<namespace>}:} then
 * colon-separated parts. Every key of one store shares the hash tag {@code {<namespace>}}, hence
 * one Redis Cluster slot. Immutable.
 */
final class JobKeys {
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final String prefix;

  JobKeys(String namespace) {
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace must be 1-64 characters of lower-case letters, digits, '.', '_' or '-': "
              + namespace);
    }
    this.prefix = RedisKeys.PREFIX + ":{" + namespace + "}:";
  }

  /** The prefix every key starts with; also the first key of every script (cluster routing). */
  String prefix() {
    return prefix;
  }

  String job(UUID id) {
    return prefix + "job:" + id;
  }

  String attempts(UUID id) {
    return prefix + "att:" + id;
  }

  String tenantIds(TenantId tenant) {
    return prefix + "t:" + tenant.value() + ":ids";
  }

  String tenantState(TenantId tenant, String state) {
    return prefix + "t:" + tenant.value() + ":s:" + state;
  }

  String tenantCounts(TenantId tenant) {
    return prefix + "t:" + tenant.value() + ":counts";
  }

  String tenantWaiting(TenantId tenant, String queue) {
    return prefix + "t:" + tenant.value() + ":waiting:" + queue;
  }

  String counts(String queue) {
    return prefix + "counts:" + queue;
  }

  String waiting(String queue) {
    return prefix + "waiting:" + queue;
  }

  String attemptLog(String queue) {
    return prefix + "alog:" + queue;
  }

  String queueNames() {
    return prefix + "queue-names";
  }

  String queues() {
    return prefix + "queues";
  }

  String schedule(TenantId tenant, String name) {
    return prefix + "cron:" + tenant.value() + ":" + name;
  }

  String tenantSchedules(TenantId tenant) {
    return prefix + "t:" + tenant.value() + ":crons";
  }

  String dueSchedules() {
    return prefix + "cron-due";
  }

  String signalChannel() {
    return prefix + "signal";
  }
}
