package com.techradium.iris.benchmarks.webhook;

import com.sun.net.httpserver.HttpServer;
import com.techradium.iris.benchmarks.job.BenchmarkPostgres;
import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.jdbc.webhook.JdbcWebhookStore;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.okhttp.webhook.OkHttpWebhookTransport;
import com.techradium.iris.webhook.EndpointSpec;
import com.techradium.iris.webhook.NewEvent;
import com.techradium.iris.webhook.WebhookDispatcher;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;

/**
 * End-to-end webhook delivery on PostgreSQL, with CPU accounting: publishers hand events to {@code
 * WebhookDispatcher.publishAll} in batches, the job queue's worker delivers each with OkHttp to a
 * loopback receiver answering 204 (a {@link SocketReceiver}, or the JDK's {@code HttpServer} with
 * {@code -Diris.bench.receiver=jdk}), and the attempts are recorded. The setup is {@code
 * WebhookDispatchBenchmark}'s (embedded PostgreSQL with fsync and synchronous commit off, queue
 * concurrency {@value WebhookDispatchBenchmark#CONCURRENCY}, claim batch {@value
 * WebhookDispatchBenchmark#CONCURRENCY}, the job queue's default poll interval, one endpoint).
 *
 * <p>The publishers keep at most {@code publishers × window} events published and not yet received,
 * so the pipeline stays full without an unbounded backlog. Printed for the measured run: webhooks
 * received per second; the time from the start of the {@code publishAll} that carried an event to
 * the receiver answering it (p50, p99); CPU per webhook of this JVM (process CPU time), of the
 * receiver's threads (part of the JVM's), and of the PostgreSQL server's processes ({@link
 * BenchmarkPostgres#serverCpuNanos()}); transactions committed per webhook; the load average before
 * and after. Then an idle-queue latency run: one {@code publish} at a time, awaited at the
 * receiver. With {@code -Diris.bench.statements=true} each run also prints the statements that took
 * the most server time ({@code pg_stat_statements}, statements inside functions and triggers
 * included).
 *
 * <p>A main, not JMH, so the CPU split and the percentiles come from one long run. Arguments:
 * webhooks (default 20,000), warm-up webhooks (default 4,000), batch (default 50), publishers
 * (default 4), window per publisher (default 100), idle-latency trials (default 200).
 */
public final class WebhookDrive {
  private static final TenantId TENANT = TenantId.of("bench");
  private static final String TYPE = "call.completed";
  private static final String RECEIVER_THREAD = "receiver-";

  /**
   * The system property choosing the receiver: {@code jdk} for the JDK's {@code HttpServer}, else a
   * {@link SocketReceiver}.
   */
  private static final String RECEIVER_PROPERTY = "iris.bench.receiver";

  private final AtomicLongArray publishedAt;
  private final AtomicLongArray receivedAt;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong nextSeq = new AtomicLong();
  private final WebhookDispatcher webhooks;

  private WebhookDrive(int capacity, WebhookDispatcher webhooks) {
    this.publishedAt = new AtomicLongArray(capacity);
    this.receivedAt = new AtomicLongArray(capacity);
    this.webhooks = webhooks;
  }

  /**
   * Runs the drive.
   *
   * @param args webhooks, warm-up, batch, publishers, window, idle-latency trials
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int webhookCount = intArg(args, 0, 20_000);
    int warmUp = intArg(args, 1, 4_000);
    int batch = intArg(args, 2, 50);
    int publishers = intArg(args, 3, 4);
    int window = intArg(args, 4, 100);
    int trials = intArg(args, 5, 200);
    int concurrency = WebhookDispatchBenchmark.CONCURRENCY;

    HikariDataSource pool = BenchmarkPostgres.newDatabase(concurrency + 8);
    JdbcIris.migrate(pool);
    IrisRuntime runtime = IrisRuntime.builder().workerThreads(4).build();
    IrisContext context = IrisContext.builder().runtime(runtime).build();
    WebhookDispatcher webhooks =
        WebhookDispatcher.builder()
            .context(context)
            .transport(OkHttpWebhookTransport.builder().allowNetworks("127.0.0.0/8").build())
            .secretKey(new SecretKeySpec(new byte[32], "AES"))
            .allowHttp(true)
            .store(JdbcWebhookStore.of(pool))
            .build();
    JobQueue jobs =
        JobQueue.builder()
            .context(context)
            .store(JdbcJobStore.of(pool))
            .claimBatch(concurrency)
            .build();
    WebhookDrive drive = new WebhookDrive(warmUp + webhookCount + trials, webhooks);
    boolean jdkReceiver = "jdk".equals(System.getProperty(RECEIVER_PROPERTY));
    Receiver receiver =
        jdkReceiver
            ? jdkReceiver(drive::receive)
            : new SocketReceiver(RECEIVER_THREAD, drive::receive);
    int port = receiver.port();
    runtime.start();
    QueueConfig queue = jobs.getQueue("webhooks").orElseThrow();
    jobs.updateQueue(queue.withConcurrency(concurrency));
    webhooks.createEndpoint(
        TENANT,
        EndpointSpec.builder("http://127.0.0.1:" + port + "/hooks").eventTypes(TYPE).build());
    System.out.printf(
        Locale.ROOT,
        "%d webhooks after %d of warm-up; publishAll of %d from %d threads, window %d each;"
            + " queue concurrency and claim batch %d; receiver %s%n",
        webhookCount,
        warmUp,
        batch,
        publishers,
        window,
        concurrency,
        jdkReceiver ? "the JDK's HttpServer" : "a socket per connection");
    try {
      drive.run("warm-up", warmUp, batch, publishers, window, pool);
      drive.run("measured", webhookCount, batch, publishers, window, pool);
      drive.idleLatency(trials);
    } finally {
      runtime.close();
      receiver.close();
      pool.close();
    }
    System.exit(0);
  }

  /** A loopback HTTP receiver of the drive's webhooks. */
  interface Receiver extends AutoCloseable {
    /** The loopback port it listens on. */
    int port();
  }

  /** The JDK's {@code HttpServer} as the receiver, with its handler threads. */
  private record JdkReceiver(HttpServer server, ExecutorService threads) implements Receiver {
    @Override
    public int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  private static JdkReceiver jdkReceiver(Consumer<byte[]> handler) throws IOException {
    AtomicInteger receiverThreads = new AtomicInteger();
    ExecutorService serverThreads =
        Executors.newFixedThreadPool(
            16, r -> new Thread(r, RECEIVER_THREAD + receiverThreads.incrementAndGet()));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(serverThreads);
    server.createContext(
        "/hooks",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
          handler.accept(body);
        });
    server.start();
    return new JdkReceiver(server, serverThreads);
  }

  private static int intArg(String[] args, int at, int otherwise) {
    return args.length > at ? Integer.parseInt(args[at].replace("_", "")) : otherwise;
  }

  /** The receiver's part: notes when the event (its {@code seq} in the data) arrived. */
  private void receive(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    int at = text.indexOf("\"seq\":") + 6;
    int end = at;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    int seq = Integer.parseInt(text.substring(at, end));
    if (receivedAt.compareAndSet(seq, 0, System.nanoTime())) {
      received.incrementAndGet();
    } else {
      duplicates.incrementAndGet();
    }
  }

  private static NewEvent event(long seq) {
    return NewEvent.of(TYPE, "{\"seq\":" + seq + ",\"callId\":\"c-1\",\"durationSeconds\":42}");
  }

  private void run(
      String name, int count, int batch, int publishers, int window, HikariDataSource pool)
      throws Exception {
    long first = nextSeq.get();
    long last = first + count;
    String loadBefore = loadAverage();
    long jvmBefore = processCpuNanos();
    long receiverBefore = threadCpuNanos(true);
    long threadsBefore = threadCpuNanos(false);
    long serverBefore = BenchmarkPostgres.serverCpuNanos();
    long commitsBefore = commits(pool);
    BenchmarkPostgres.topStatements(pool, 0); // resets the counts
    long started = System.nanoTime();
    long receivedBefore = received.get();
    List<Thread> publishing = new ArrayList<>();
    AtomicLong publishersCpu = new AtomicLong();
    for (int p = 0; p < publishers; p++) {
      Thread t =
          new Thread(
              () -> {
                ThreadMXBean bean = ManagementFactory.getThreadMXBean();
                long cpu = bean.getCurrentThreadCpuTime();
                publish(last, batch, (long) window * publishers);
                publishersCpu.addAndGet(bean.getCurrentThreadCpuTime() - cpu);
              },
              "publisher-" + p);
      t.start();
      publishing.add(t);
    }
    for (Thread t : publishing) {
      t.join();
    }
    nextSeq.set(last); // the publishers took batches past the end
    while (received.get() - receivedBefore < count) {
      LockSupport.parkNanos(1_000_000);
    }
    long elapsed = System.nanoTime() - started;
    long jvm = processCpuNanos() - jvmBefore;
    long receiver = threadCpuNanos(true) - receiverBefore;
    long threads = threadCpuNanos(false) - threadsBefore + publishersCpu.get();
    long server = BenchmarkPostgres.serverCpuNanos() - serverBefore;
    long commits = commits(pool) - commitsBefore;
    long[] latencies = new long[count];
    for (int i = 0; i < count; i++) {
      latencies[i] = receivedAt.get((int) first + i) - publishedAt.get((int) first + i);
    }
    Arrays.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "%s: %,d webhooks in %.2f s = %,.0f webhooks/s; publish->received p50 %.1f ms, p99 %.1f"
            + " ms; CPU per webhook: JVM %.3f ms (its Java threads %.3f ms, the receiver's %.3f"
            + " ms), PostgreSQL %.3f ms;"
            + " transactions per webhook %.2f; duplicates %d; load %s -> %s%n",
        name,
        count,
        elapsed / 1e9,
        count / (elapsed / 1e9),
        latencies[count / 2] / 1e6,
        latencies[(int) (count * 0.99)] / 1e6,
        jvm / 1e6 / count,
        threads / 1e6 / count,
        receiver / 1e6 / count,
        server / 1e6 / count,
        (double) commits / count,
        duplicates.get(),
        loadBefore,
        loadAverage());
    for (String line : BenchmarkPostgres.topStatements(pool, 15)) {
      System.out.println("  " + line);
    }
  }

  /** One publisher: takes the next batch of sequence numbers while the window allows. */
  private void publish(long last, int batch, long window) {
    while (true) {
      while (nextSeq.get() - received.get() > window) {
        LockSupport.parkNanos(200_000);
      }
      long from = nextSeq.getAndAdd(batch);
      if (from >= last) {
        return;
      }
      long to = Math.min(from + batch, last);
      List<NewEvent> events = new ArrayList<>((int) (to - from));
      long now = System.nanoTime();
      for (long seq = from; seq < to; seq++) {
        events.add(event(seq));
        publishedAt.set((int) seq, now);
      }
      webhooks.publishAll(TENANT, events);
    }
  }

  /** One {@code publish} at a time on an idle queue, each awaited at the receiver. */
  private void idleLatency(int trials) {
    long[] latencies = new long[trials];
    for (int i = 0; i < trials; i++) {
      long seq = nextSeq.getAndIncrement();
      long target = received.get() + 1;
      long now = System.nanoTime();
      publishedAt.set((int) seq, now);
      webhooks.publish(TENANT, TYPE, event(seq).payload());
      while (received.get() < target) {
        LockSupport.parkNanos(50_000);
      }
      latencies[i] = receivedAt.get((int) seq) - now;
    }
    Arrays.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "idle queue, one publish at a time (%d): publish->received p50 %.1f ms, p99 %.1f ms%n",
        trials,
        latencies[trials / 2] / 1e6,
        latencies[(int) (trials * 0.99)] / 1e6);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * CPU time of the live Java threads: the receiver's only (the JDK server's dispatcher and its
   * handlers), or all of them. Unlike the process's CPU time it leaves out the JIT compiler and the
   * garbage collector (and threads that ended during the run; the publishers add their own).
   */
  private static long threadCpuNanos(boolean receiverOnly) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null
          && (!receiverOnly
              || info.getThreadName().startsWith(RECEIVER_THREAD)
              || info.getThreadName().startsWith("HTTP-Dispatcher"))) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  private static long commits(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "%.2f", load);
  }
}
