package com.techradium.iris.benchmarks.webhook;

import com.sun.net.httpserver.HttpServer;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.jdbc.webhook.JdbcWebhookStore;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.okhttp.webhook.OkHttpWebhookTransport;
import com.techradium.iris.webhook.EndpointSpec;
import com.techradium.iris.webhook.NewEvent;
import com.techradium.iris.webhook.WebhookDispatcher;
import com.techradium.iris.webhook.memory.InMemoryWebhookStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end webhook delivery: {@code WebhookDispatcher.publish} (schema validation, event and
 * delivery rows, one job per delivery), a job worker claiming the job, signing, an OkHttp POST to a
 * loopback JDK {@code HttpServer} answering 204, and the attempt recorded.
 *
 * <ul>
 *   <li>{@code throughput}: one operation = one webhook received, published in batches of {@value
 *       #BATCH} by {@value #PUBLISHERS} threads and awaited at the receiver; queue concurrency
 *       {@value #CONCURRENCY}.
 *   <li>{@code throughputPublishAll}: the same, each publisher publishing its share of the batch
 *       with one {@code publishAll}.
 *   <li>{@code publishToReceived}: the time from publishing one event to the receiver answering it,
 *       with an idle queue.
 * </ul>
 *
 * {@code store=memory} keeps everything in memory; {@code store=postgres} puts the webhook and job
 * stores on an embedded PostgreSQL with fsync and synchronous commit off (as the job benchmarks).
 * The job queue polls at its default interval (500 ms): deliveries are claimed on wake-ups (the
 * publish on this node, the store's signal, a full claim), as in a deployment, not by polling.
 */
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@State(Scope.Benchmark)
public class WebhookDispatchBenchmark {
  static final int BATCH = 200;
  static final int CONCURRENCY = 32;
  private static final TenantId TENANT = TenantId.of("bench");
  private static final String CALL = "{\"callId\":\"c-1\",\"durationSeconds\":42}";
  private static final List<NewEvent> CALLS =
      Collections.nCopies(
          BATCH / WebhookDispatchBenchmark.PUBLISHERS, NewEvent.of("call.completed", CALL));

  @Param({"memory", "postgres"})
  public String store;

  /** Threads publishing a batch concurrently, as a host's request threads would. */
  static final int PUBLISHERS = 4;

  private final AtomicLong received = new AtomicLong();
  private volatile long awaited = Long.MAX_VALUE;
  private volatile @Nullable Thread waiter;
  private ExecutorService publishers;
  private HttpServer server;
  private ExecutorService serverThreads;
  private IrisRuntime runtime;
  private WebhookDispatcher webhooks;
  private EmbeddedPostgres postgres;
  private HikariDataSource pool;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    serverThreads = Executors.newFixedThreadPool(16);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(serverThreads);
    server.createContext(
        "/hooks",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
          if (received.incrementAndGet() >= awaited) {
            LockSupport.unpark(waiter);
          }
        });
    server.start();
    publishers = Executors.newFixedThreadPool(PUBLISHERS);
    runtime = IrisRuntime.builder().workerThreads(4).build();
    IrisContext context = IrisContext.builder().runtime(runtime).build();
    var builder =
        WebhookDispatcher.builder()
            .context(context)
            .transport(OkHttpWebhookTransport.builder().allowNetworks("127.0.0.0/8").build())
            .secretKey(new SecretKeySpec(new byte[32], "AES"))
            .allowHttp(true);
    JobQueue jobs;
    if (store.equals("postgres")) {
      postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .start();
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
      config.setUsername("postgres");
      config.setPassword("postgres");
      config.setMaximumPoolSize(CONCURRENCY + 8);
      pool = new HikariDataSource(config);
      JdbcIris.migrate(pool);
      webhooks = builder.store(JdbcWebhookStore.of(pool)).build();
      jobs =
          JobQueue.builder()
              .context(context)
              .store(JdbcJobStore.of(pool))
              .claimBatch(CONCURRENCY)
              .build();
    } else {
      webhooks = builder.store(new InMemoryWebhookStore()).build();
      jobs =
          JobQueue.builder()
              .context(context)
              .store(new InMemoryJobStore())
              .claimBatch(CONCURRENCY)
              .build();
    }
    runtime.start();
    QueueConfig queue = jobs.getQueue("webhooks").orElseThrow();
    jobs.updateQueue(
        new QueueConfig(
            queue.name(),
            CONCURRENCY,
            false,
            queue.defaultPriority(),
            queue.defaultMaxAttempts(),
            queue.retention()));
    webhooks.createEndpoint(
        TENANT,
        EndpointSpec.builder("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks")
            .eventTypes("call.completed")
            .build());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    runtime.close();
    server.stop(0);
    serverThreads.shutdownNow();
    publishers.shutdownNow();
    if (pool != null) {
      pool.close();
      postgres.close();
    }
  }

  /** Parks until the receiver has answered {@code target} requests (no spinning on 2 cores). */
  private void awaitReceived(long target) {
    waiter = Thread.currentThread();
    awaited = target;
    while (received.get() < target) {
      LockSupport.parkNanos(1_000_000);
    }
    awaited = Long.MAX_VALUE;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public void throughput() throws Exception {
    long target = received.get() + BATCH;
    List<Future<?>> published = new ArrayList<>(PUBLISHERS);
    for (int p = 0; p < PUBLISHERS; p++) {
      published.add(
          publishers.submit(
              () -> {
                for (int i = 0; i < BATCH / PUBLISHERS; i++) {
                  webhooks.publish(TENANT, "call.completed", CALL);
                }
              }));
    }
    for (Future<?> f : published) {
      f.get();
    }
    awaitReceived(target);
  }

  /**
   * As {@link #throughput}, each publisher handing its {@code BATCH / PUBLISHERS} events to one
   * {@code publishAll} (one transaction, multi-row inserts) instead of one {@code publish} each.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public void throughputPublishAll() throws Exception {
    long target = received.get() + BATCH;
    List<Future<?>> published = new ArrayList<>(PUBLISHERS);
    for (int p = 0; p < PUBLISHERS; p++) {
      published.add(publishers.submit(() -> webhooks.publishAll(TENANT, CALLS)));
    }
    for (Future<?> f : published) {
      f.get();
    }
    awaitReceived(target);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void publishToReceived() {
    long target = received.get() + 1;
    webhooks.publish(TENANT, "call.completed", CALL);
    awaitReceived(target);
  }
}
