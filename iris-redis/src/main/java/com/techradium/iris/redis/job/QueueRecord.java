package com.techradium.iris.redis.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.job.QueueConfig;
import java.time.Duration;

/** A queue configuration as stored in the queues hash (JSON). */
record QueueRecord(
    String name,
    int concurrency,
    boolean paused,
    int defaultPriority,
    int defaultMaxAttempts,
    long retentionMillis) {

  static String write(QueueConfig c) {
    return IrisJson.write(
        new QueueRecord(
            c.name(),
            c.concurrency(),
            c.paused(),
            c.defaultPriority(),
            c.defaultMaxAttempts(),
            c.retention().toMillis()));
  }

  static QueueConfig read(String json) {
    try {
      QueueRecord r = IrisJson.mapper().readValue(json, QueueRecord.class);
      return new QueueConfig(
          r.name,
          r.concurrency,
          r.paused,
          r.defaultPriority,
          r.defaultMaxAttempts,
          Duration.ofMillis(r.retentionMillis));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable queue configuration in Redis: " + json, e);
    }
  }
}
