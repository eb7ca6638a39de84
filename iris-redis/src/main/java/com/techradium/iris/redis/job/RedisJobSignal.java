package com.techradium.iris.redis.job;

import com.techradium.iris.job.JobSignal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
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
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private @Nullable Listener active;

  RedisJobSignal(UnifiedJedis jedis, String channel) {
    this.jedis = jedis;
    this.channel = channel;
  }

  @Override
  public Subscription subscribe(Consumer<String> listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    Listener started;
    synchronized (this) {
      listeners.add(listener);
      if (active == null) {
        active = new Listener();
        Thread thread = new Thread(active, "iris-job-signal");
        thread.setDaemon(true);
        thread.start();
      }
      started = active;
    }
    started.awaitConfirmed();
    return new Subscription() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (RedisJobSignal.this) {
          if (closed) {
            return;
          }
          closed = true;
          listeners.remove(listener);
          if (listeners.isEmpty() && active != null) {
            active.stop();
            active = null;
          }
        }
      }
    };
  }

  private void deliver(String queue) {
    for (Consumer<String> listener : listeners) {
      try {
        listener.accept(queue);
      } catch (RuntimeException e) {
        LOG.warn("job signal listener failed for queue {}", queue, e);
      }
    }
  }

  /** One subscribed connection, kept until stopped. */
  private final class Listener extends JedisPubSub implements Runnable {
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
      deliver(queue);
    }

    void awaitConfirmed() {
      try {
        if (!confirmed.await(CONFIRM_SECONDS, TimeUnit.SECONDS)) {
          LOG.warn("job signal subscription to {} not confirmed yet; workers poll", channel);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void stop() {
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
