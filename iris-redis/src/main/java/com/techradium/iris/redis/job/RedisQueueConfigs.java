package com.techradium.iris.redis.job;

import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.redis.internal.RedisContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queue configurations of a {@link RedisJobStore}: one hash, queue name to JSON. Single-key
 * commands, so each operation is atomic. Thread-safe.
 */
final class RedisQueueConfigs {
  private final RedisContext redis;
  private final JobKeys keys;

  RedisQueueConfigs(RedisContext redis, JobKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  boolean create(QueueConfig config) {
    String json = QueueRecord.write(config);
    return redis.call("create queue", j -> j.hsetnx(keys.queues(), config.name(), json)) == 1;
  }

  void save(QueueConfig config) {
    String json = QueueRecord.write(config);
    redis.call("save queue", j -> j.hset(keys.queues(), config.name(), json));
  }

  Optional<QueueConfig> get(String name) {
    String json = redis.call("read queue", j -> j.hget(keys.queues(), name));
    return json == null ? Optional.empty() : Optional.of(QueueRecord.read(json));
  }

  List<QueueConfig> list() {
    Map<String, String> all = redis.call("list queues", j -> j.hgetAll(keys.queues()));
    return all.values().stream()
        .map(QueueRecord::read)
        .sorted(Comparator.comparing(QueueConfig::name))
        .toList();
  }

  boolean delete(String name) {
    return redis.call("delete queue", j -> j.hdel(keys.queues(), name)) == 1;
  }
}
