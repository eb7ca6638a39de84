package com.techradium.iris.redis.job;

import com.techradium.iris.job.spi.JobSignal;
import com.techradium.iris.job.spi.JobSignalListeners;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * The {@link JobSignal} of {@link RedisJobStore}: Redis pub/sub on the store's signal channel, to
 * which the job scripts publish a queue's name when its jobs become due.
 *
 * <p>The first subscription starts one daemon thread holding a subscribed connection (taken from
 * the host's client) and waits until the server confirmed the subscription, so no message published
 * after {@link #subscribe} returns is missed; the last closed subscription unsubscribes and ends
 * the thread. A dropped connection is re-subscribed after a second; messages published meanwhile
 * are lost, which only delays workers until their next poll. Thread-safe.
 */
final class RedisJobSignal implements JobSignal {
  private static final Logger LOG = LoggerFactory.getLogger(RedisJobSignal.class);
  private static final long CONFIRM_SECONDS = 5;

  private final UnifiedJedis jedis;
  private final String channel;
  private final JobSignalListeners listeners = new JobSignalListeners(Listener::new);

  RedisJobSignal(UnifiedJedis jedis, String channel) {
    this.jedis = jedis;
    this.channel = channel;
  }

  @Override
  public Subscription subscribe(Consumer<String> listener) {
    return listeners.subscribe(listener);
  }

  /** One subscribed connection, kept until stopped. */
  private final class Listener extends JedisPubSub implements JobSignalListeners.Listening {
    private final CountDownLatch confirmed = new CountDownLatch(1);
    private volatile boolean running = true;

    @Override
    public void run() {
      while (running) {
        try {
          jedis.subscribe(this, channel);
        } catch (RuntimeException e) {
          if (running) {
            LOG.warn("job signal subscription to {} dropped; retrying in 1s", channel, e);
            sleepQuietly();
          }
        }
      }
    }

    @Override
    public void onSubscribe(String subscribed, int count) {
      confirmed.countDown();
      if (!running) {
        unsubscribe();
      }
    }

    @Override
    public void onMessage(String from, String queue) {
      listeners.deliver(queue);
    }

    @Override
    public void awaitReady() {
      try {
        if (!confirmed.await(CONFIRM_SECONDS, TimeUnit.SECONDS)) {
          LOG.warn("job signal subscription to {} not confirmed yet; workers poll", channel);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void stop() {
      running = false;
      if (isSubscribed()) {
        try {
          unsubscribe();
        } catch (RuntimeException e) {
          LOG.debug("job signal unsubscribe failed", e);
        }
      }
    }

    private void sleepQuietly() {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
