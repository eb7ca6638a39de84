package com.techradium.iris.jdbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.okhttp.webhook.OkHttpWebhookTransport;
import com.techradium.iris.testkit.ChildJvm;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryQuery;
import com.techradium.iris.webhook.DeliveryStatus;
import com.techradium.iris.webhook.EndpointSpec;
import com.techradium.iris.webhook.NewEvent;
import com.techradium.iris.webhook.WebhookDispatcher;
import com.techradium.iris.webhook.WebhookEvent;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A delivery worker in a child JVM killed with SIGKILL while a receiver holds one of its requests:
 * after the job's lease runs out a worker in this JVM sends that delivery again with the same
 * {@code webhook-id}, and every published event reaches the receiver: duplicates, never losses.
 */
class JdbcWebhookCrashTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final SecretKey KEY = new SecretKeySpec(new byte[32], "AES");

  /** The killed worker's lease: how soon after the kill its jobs may run elsewhere. */
  private static final Duration CHILD_LEASE = Duration.ofSeconds(2);

  /**
   * The lease of the worker that takes over: the default, so that a stall under load does not cost
   * it a lease.
   */
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** Long enough that a held request never times out in the child before it is killed. */
  private static final Duration HOLD = Duration.ofMinutes(10);

  /** Bounds a hang; no step is expected to take nearly this long. */
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private static final int EVENTS = 20;

  @TempDir Path dir;

  /** Each run its own tenant, as the two runs share the database. */
  private TenantId tenant = TenantId.of("crash");

  /**
   * Events published one by one each get a job of their own; published together, one job sends them
   * in turn, and after the kill its next run hands every pending delivery to a job of its own.
   */
  @ParameterizedTest(name = "published together: {0}")
  @ValueSource(booleans = {false, true})
  void aWorkerKilledMidDeliveryLeavesADuplicateWithTheSameIdAndNoLostEvent(boolean together)
      throws Exception {
    tenant = TenantId.of(together ? "crash-together" : "crash-one-by-one");
    JdbcIris.migrate(postgres.dataSource());
    try (HoldingReceiver receiver = new HoldingReceiver();
        HikariDataSource pool =
            JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      WebhookDispatcher webhooks = deliverer(pool, IrisContext.builder().build(), LEASE);
      webhooks.createEndpoint(tenant, EndpointSpec.builder(receiver.url()).build());
      List<NewEvent> events = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        events.add(
            NewEvent.of(
                "call.completed", "{\"callId\":\"call-" + i + "\",\"durationSeconds\":" + i + "}"));
      }
      List<WebhookEvent> stored =
          together
              ? webhooks.publishAll(tenant, events)
              : events.stream().map(e -> webhooks.publish(tenant, e.type(), e.payload())).toList();
      List<String> published = stored.stream().map(WebhookEvent::messageId).toList();

      try (ChildJvm child =
          ChildJvm.start(
              Child.class,
              List.of(postgres.jdbcUrl(), postgres.user(), postgres.password()),
              dir.resolve("child.log"))) {
        // One job sending in turn stops at the held request; jobs of their own go on meanwhile.
        child.awaitWhileAlive(
            "the receiver holds a request of the child, which delivered a quarter of the others"
                + " unless they are sent in turn",
            PATIENCE,
            () -> receiver.holding() && (together || succeeded(webhooks) >= EVENTS / 4));
        assertThat(child.kill()).as("ended by SIGKILL").isEqualTo(ChildJvm.SIGKILL_EXIT);
      }
      String held = receiver.answerEverything();
      assertThat(published).contains(held);
      assertThat(deliveryOf(webhooks, held).status())
          .as("the held delivery, unanswered when the child died")
          .isEqualTo(DeliveryStatus.PENDING);

      try (IrisRuntime runtime = IrisRuntime.builder().name("webhook-takeover").build()) {
        deliverer(pool, IrisContext.builder().runtime(runtime).build(), LEASE);
        runtime.start();
        await(
            () -> "every delivery succeeded; " + succeeded(webhooks) + " did, " + receiver,
            () -> succeeded(webhooks) == EVENTS);
      }

      List<Delivery> deliveries =
          webhooks.listDeliveries(tenant, DeliveryQuery.all(), PageRequest.first()).items();
      assertThat(deliveries)
          .hasSize(EVENTS)
          .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.SUCCEEDED));
      assertThat(receiver.received()).as("none lost: %s", receiver).containsAll(published);
      assertThat(receiver.received())
          .as("a duplicate: %s", receiver)
          .filteredOn(held::equals)
          .hasSizeGreaterThan(1);
      assertThat(receiver.receivedLater())
          .as("sent again by the worker that took over, with the same id: %s", receiver)
          .contains(held);
    }
  }

  private Delivery deliveryOf(WebhookDispatcher webhooks, String messageId) {
    return webhooks
        .listDeliveries(tenant, DeliveryQuery.all(), PageRequest.first())
        .items()
        .stream()
        .filter(d -> messageId.equals("msg_" + d.eventId()))
        .findFirst()
        .orElseThrow();
  }

  private long succeeded(WebhookDispatcher webhooks) {
    return webhooks
        .listDeliveries(tenant, DeliveryQuery.all(), PageRequest.first())
        .items()
        .stream()
        .filter(d -> d.status() == DeliveryStatus.SUCCEEDED)
        .count();
  }

  private static void await(Supplier<String> what, ChildJvm.Condition condition) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.met()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting until " + what.get());
      }
      Thread.sleep(20);
    }
  }

  /**
   * The dispatcher and job queue each JVM of this test builds on the database: deliveries run on
   * the context's runtime if it has one (none for the parent's publishing dispatcher), over OkHttp
   * to the loopback receiver, with the given job lease.
   */
  private static WebhookDispatcher deliverer(DataSource db, IrisContext context, Duration lease) {
    WebhookDispatcher webhooks =
        WebhookDispatcher.builder()
            .context(context)
            .store(JdbcWebhookStore.of(db))
            .transport(
                OkHttpWebhookTransport.builder()
                    .allowNetworks("127.0.0.0/8")
                    .readTimeout(HOLD)
                    .callTimeout(HOLD)
                    .build())
            .secretKey(KEY)
            .allowHttp(true)
            .build();
    JobQueue.builder()
        .context(context)
        .store(JdbcJobStore.of(db))
        .leaseDuration(lease)
        .pollInterval(Duration.ofMillis(50))
        .schedulerInterval(Duration.ofMillis(200))
        .workerQueues("webhooks")
        .build();
    return webhooks;
  }

  /** The killed worker: {@code url user password}; delivers until killed. */
  public static final class Child {
    private Child() {}

    /** Runs a delivery worker until killed. */
    public static void main(String[] args) throws Exception {
      HikariDataSource pool = JdbcIris.pool(args[0], args[1], args[2]);
      IrisRuntime runtime = IrisRuntime.builder().name("webhook-crash-child").build();
      deliverer(pool, IrisContext.builder().runtime(runtime).build(), CHILD_LEASE);
      runtime.start();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /**
   * A loopback HTTP receiver that records every request's {@code webhook-id}. Until {@link
   * #answerEverything} it holds every request carrying the first id it got, unanswered, and answers
   * the others 204; after it, it answers everything 204.
   */
  private static final class HoldingReceiver implements AutoCloseable {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;
    private final CountDownLatch answerAll = new CountDownLatch(1);
    private final List<String> before = new ArrayList<>();
    private final List<String> after = new ArrayList<>();
    private @Nullable String held;
    private boolean answering;

    HoldingReceiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
      server.createContext("/hooks", this::handle);
      server.setExecutor(threads);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    private void handle(HttpExchange exchange) {
      try {
        exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        boolean hold;
        synchronized (this) {
          if (answering) {
            after.add(id);
            hold = false;
          } else {
            before.add(id);
            if (held == null) {
              held = id;
            }
            hold = held.equals(id);
          }
        }
        if (hold) {
          answerAll.await();
        }
        exchange.sendResponseHeaders(204, -1);
      } catch (IOException e) {
        // The killed child's connection: nobody is left to read the answer.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    }

    /** Whether a request is held unanswered. */
    synchronized boolean holding() {
      return held != null;
    }

    /** Stops holding and answers everything from now on; returns the id that was held. */
    String answerEverything() {
      String id;
      synchronized (this) {
        answering = true;
        id = held;
      }
      answerAll.countDown();
      if (id == null) {
        throw new AssertionError("no request was held");
      }
      return id;
    }

    /** Every {@code webhook-id} received. */
    synchronized List<String> received() {
      List<String> all = new ArrayList<>(before);
      all.addAll(after);
      return all;
    }

    /** The {@code webhook-id}s received since {@link #answerEverything}. */
    synchronized List<String> receivedLater() {
      return new ArrayList<>(after);
    }

    @Override
    public synchronized String toString() {
      return "held " + held + "; received before the kill " + before + ", after it " + after;
    }

    @Override
    public void close() {
      answerAll.countDown();
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
