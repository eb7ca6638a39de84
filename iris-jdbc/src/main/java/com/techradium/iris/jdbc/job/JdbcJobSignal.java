package com.techradium.iris.jdbc.job;

import com.techradium.iris.job.spi.JobSignal;
import com.techradium.iris.job.spi.JobSignalListeners;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobSignal} over PostgreSQL {@code LISTEN/NOTIFY}: while anyone is subscribed, one thread
 * holds a dedicated connection listening on channel {@value JobWrites#CHANNEL} and hands each
 * notification's queue name to the subscribers. A lost connection is reopened after a pause;
 * notifications sent meanwhile are missed, which workers' polling covers.
 *
 * <p>Thread-safe. The first subscription waits (up to ten seconds) until the listener is
 * registered, so a job enqueued after {@link #subscribe} returns is announced.
 */
final class JdbcJobSignal implements JobSignal {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcJobSignal.class);
  private static final int POLL_MILLIS = 200;
  private static final long RECONNECT_MILLIS = 1000;

  private final DataSource dataSource;
  private final JobSignalListeners listeners = new JobSignalListeners(Listener::new);

  JdbcJobSignal(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Subscription subscribe(Consumer<String> listener) {
    return listeners.subscribe(listener);
  }

  /** The listening loop; ends soon after {@code running} turns false. */
  private final class Listener implements JobSignalListeners.Listening {
    private volatile boolean running = true;
    private final CountDownLatch listening = new CountDownLatch(1);

    @Override
    public void awaitReady() {
      try {
        listening.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void stop() {
      running = false;
    }

    @Override
    public void run() {
      while (running) {
        try (Connection connection = dataSource.getConnection()) {
          connection.setAutoCommit(true);
          try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + JobWrites.CHANNEL);
          }
          PGConnection pg = connection.unwrap(PGConnection.class);
          listening.countDown();
          while (running) {
            PGNotification[] received = pg.getNotifications(POLL_MILLIS);
            if (received != null) {
              for (PGNotification n : received) {
                listeners.deliver(n.getParameter());
              }
            }
          }
        } catch (SQLException | RuntimeException e) {
          if (running) {
            LOG.warn("job signal listener lost its connection; reconnecting", e);
            pause();
          }
        }
      }
    }

    private void pause() {
      try {
        Thread.sleep(RECONNECT_MILLIS);
      } catch (InterruptedException e) {
        running = false;
        Thread.currentThread().interrupt();
      }
    }
  }
}
