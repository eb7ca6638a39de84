package com.techradium.iris.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.JdbcTransaction;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.job.AttemptOutcome;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobAttempt;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobSignal;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the PostgreSQL store adds to the contract: separate connections and nodes, NOTIFY, and
 * enqueue inside the caller's transaction.
 */
class JdbcJobStorePostgresTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final AtomicLong NAMES = new AtomicLong();
  private static HikariDataSource pool;
  private static JdbcJobStore store;

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final TimeOrderedIds ids = new TimeOrderedIds(clock);

  @BeforeAll
  static void setUp() throws SQLException {
    JdbcIris.migrate(postgres.dataSource());
    pool = pool(10);
    store = JdbcJobStore.of(pool);
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table orders (id uuid primary key, total integer not null)");
    }
  }

  @AfterAll
  static void tearDown() {
    pool.close();
  }

  private static HikariDataSource pool(int size) {
    return JdbcJobFixtures.pool(postgres, size);
  }

  private static TenantId tenant() {
    return TenantId.of("pg-" + NAMES.incrementAndGet());
  }

  private static String queue() {
    return "pgq-" + NAMES.incrementAndGet();
  }

  private NewJob job(String queue) {
    return job(queue, List.of());
  }

  private NewJob job(String queue, List<UUID> parents) {
    return JdbcJobFixtures.job(ids, queue, 5, clock.instant(), parents);
  }

  private Job insert(TenantId tenant, NewJob n) {
    return store.insert(tenant, List.of(n), clock.instant()).get(0).job();
  }

  // ---- batched completion --------------------------------------------------------------------

  /** A data source whose connections count the statements they prepare or create. */
  private static DataSource counting(DataSource target, AtomicInteger statements) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(target, method, args);
              if (!(result instanceof Connection connection)) {
                return result;
              }
              return Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (p, m, a) -> {
                    String name = m.getName();
                    if (name.equals("prepareStatement")
                        || name.equals("createStatement")
                        || name.equals("prepareCall")) {
                      statements.incrementAndGet();
                    }
                    return invoke(connection, m, a);
                  });
            });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void finishAllCompletesAClaimedBatchOfJobsWithoutChildrenInOneStatement() {
    TenantId tenant = tenant();
    String queue = queue();
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(job(queue));
    }
    store.insert(tenant, batch, clock.instant());
    List<Job> claimed = store.claim(ClaimRequest.of(queue, 50, "worker-a", LEASE), clock.instant());
    AtomicInteger statements = new AtomicInteger();
    JdbcJobStore counted = JdbcJobStore.of(counting(pool, statements));
    List<JobFinish> finishes = new ArrayList<>();
    for (Job job : claimed) {
      finishes.add(new JobFinish(job.leaseRef(), new JobOutcome.Completed(null)));
    }

    List<Optional<Job>> done = counted.finishAll(finishes, clock.instant());

    assertThat(statements.get()).isEqualTo(1);
    assertThat(done)
        .hasSize(50)
        .allSatisfy(d -> assertThat(d.orElseThrow().state()).isEqualTo(JobState.COMPLETED));
    assertThat(store.attempts(tenant, claimed.get(49).id()))
        .extracting(JobAttempt::outcome)
        .containsExactly(AttemptOutcome.SUCCEEDED);
  }

  // ---- several connections and nodes ---------------------------------------------------------

  @Test
  void claimersOnSeparateConnectionsNeverReceiveTheSameJob() throws Exception {
    TenantId tenant = tenant();
    String queue = queue();
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      batch.add(job(queue));
    }
    store.insert(tenant, batch, clock.instant());
    int nodes = 4;
    List<HikariDataSource> pools = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(nodes);
    CyclicBarrier start = new CyclicBarrier(nodes);
    try {
      List<Future<List<UUID>>> results = new ArrayList<>();
      for (int n = 0; n < nodes; n++) {
        HikariDataSource own = pool(1);
        pools.add(own);
        JdbcJobStore node = JdbcJobStore.of(own);
        String owner = "node-" + n;
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  List<UUID> mine = new ArrayList<>();
                  List<Job> got;
                  while (!(got =
                          node.claim(ClaimRequest.of(queue, 5, owner, LEASE), clock.instant()))
                      .isEmpty()) {
                    got.forEach(j -> mine.add(j.id()));
                  }
                  return mine;
                }));
      }
      List<UUID> all = new ArrayList<>();
      for (Future<List<UUID>> f : results) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }

      assertThat(all).hasSize(500).doesNotHaveDuplicates();
    } finally {
      threads.shutdownNow();
      pools.forEach(HikariDataSource::close);
    }
  }

  @Test
  void aJobWhoseWorkerDiedIsCompletedByAnotherAfterItsLease() {
    TenantId tenant = tenant();
    String queue = queue();
    Job job = insert(tenant, job(queue));
    Job abandoned;
    try (HikariDataSource doomedNode = pool(1)) {
      abandoned =
          JdbcJobStore.of(doomedNode)
              .claim(ClaimRequest.of(queue, 1, "dying-node", LEASE), clock.instant())
              .get(0);
    } // the node goes away mid-job, its connections closed, the job never finished
    assertThat(store.get(tenant, job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    assertThat(store.claim(ClaimRequest.of(queue, 1, "healthy-node", LEASE), clock.instant()))
        .isEmpty();

    clock.advance(LEASE.plusMillis(1));
    assertThat(store.requeueExpired(clock.instant(), 10_000)).isPositive();
    Job taken =
        store.claim(ClaimRequest.of(queue, 1, "healthy-node", LEASE), clock.instant()).get(0);
    Job done =
        store
            .finish(taken.leaseRef(), new JobOutcome.Completed(null), clock.instant())
            .orElseThrow();

    assertThat(taken.id()).isEqualTo(job.id());
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertThat(store.finish(abandoned.leaseRef(), new JobOutcome.Completed(null), clock.instant()))
        .isEmpty();
    assertThat(store.attempts(tenant, job.id()))
        .extracting(JobAttempt::owner, JobAttempt::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dying-node", AttemptOutcome.LEASE_EXPIRED),
            org.assertj.core.groups.Tuple.tuple("healthy-node", AttemptOutcome.SUCCEEDED));
  }

  @Test
  void twoParentsCompletingAtOnceAlwaysReleaseTheirChild() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        TenantId tenant = tenant();
        String queue = queue();
        Job p1 = insert(tenant, job(queue));
        Job p2 = insert(tenant, job(queue));
        Job child = insert(tenant, job(queue(), List.of(p1.id(), p2.id())));
        List<Job> running =
            store.claim(ClaimRequest.of(queue, 2, "worker", LEASE), clock.instant());
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<?>> finishing = new ArrayList<>();
        for (Job parent : running) {
          finishing.add(
              threads.submit(
                  () -> {
                    together.await();
                    return store.finish(
                        parent.leaseRef(), new JobOutcome.Completed(null), clock.instant());
                  }));
        }
        for (Future<?> f : finishing) {
          f.get(30, TimeUnit.SECONDS);
        }

        assertThat(store.get(tenant, child.id()).orElseThrow().state())
            .as("round %d", round)
            .isEqualTo(JobState.QUEUED);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void claimingReadsOnlyThePartialIndexOfClaimableJobsHoweverManyAreFinished() throws Exception {
    TenantId tenant = tenant();
    String queue = queue();
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      batch.add(job(queue));
    }
    store.insert(tenant, batch, clock.instant());
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "update iris_jobs set state = 'completed', finished_at = run_at where queue = '"
              + queue
              + "' and id not in (select id from iris_jobs where queue = '"
              + queue
              + "' order by id limit 10)");
      s.execute("analyze iris_jobs");
    }
    String plan =
        ClaimPlans.explain(pool, ClaimRequest.of(queue, 10, "worker", LEASE), clock.instant());

    assertThat(plan).contains("iris_jobs_claim").doesNotContain("Seq Scan on iris_jobs");
    assertThat(store.claim(ClaimRequest.of(queue, 100, "worker", LEASE), clock.instant()))
        .hasSize(10);
  }

  @Test
  void theOperatorViewReadsThePartialIndexesOfLiveJobsNeverTheFinishedOnes() throws Exception {
    TenantId tenant = tenant();
    String queue = queue();
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      batch.add(job(queue));
    }
    store.insert(tenant, batch, clock.instant());
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "update iris_jobs set state = 'completed', finished_at = run_at where queue = '"
              + queue
              + "' and id not in (select id from iris_jobs where queue = '"
              + queue
              + "' order by id limit 10)");
      s.execute("analyze iris_jobs");
    }
    store.claim(ClaimRequest.of(queue, 3, "worker", LEASE), clock.instant());
    clock.advance(Duration.ofSeconds(5));
    DSLContext dsl = JdbcContext.of(pool).dsl();

    for (String q : new String[] {queue, null}) {
      for (TenantId t : new TenantId[] {null, tenant}) {
        String plan = dsl.explain(JobLoadQuery.query(dsl, t, q, clock.instant())).plan();
        // A bitmap OR of the two partial indexes of live jobs: the 19,990 completed rows of the
        // queue are neither scanned nor fetched.
        assertThat(plan)
            .as("queue %s, tenant %s", q, t)
            .contains("Bitmap Index Scan on iris_jobs_claim")
            .contains("Bitmap Index Scan on iris_jobs_leases")
            .doesNotContain("Seq Scan")
            .doesNotContain("iris_jobs_pk");
      }
    }

    assertThat(store.load(null, queue, clock.instant()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.waiting()).isEqualTo(7);
              assertThat(r.running()).isEqualTo(3);
              assertThat(r.oldestWaitingAge()).contains(Duration.ofSeconds(5));
            });
  }

  // ---- LISTEN/NOTIFY -------------------------------------------------------------------------

  @Test
  void anEnqueueOnAnotherNodeWakesAWaitingListener() throws Exception {
    String queue = queue();
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    try (HikariDataSource otherNode = pool(1);
        JobSignal.Subscription sub = store.signals().orElseThrow().subscribe(heard::add)) {
      JdbcJobStore.of(otherNode).insert(tenant(), List.of(job(queue)), clock.instant());

      assertThat(waitFor(heard, queue)).isTrue();
    }
  }

  @Test
  void aJobEnqueuedInACallersTransactionIsAnnouncedAtCommit() throws Exception {
    String queue = queue();
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    try (JobSignal.Subscription sub = store.signals().orElseThrow().subscribe(heard::add);
        Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        store.insert(tenant(), List.of(job(queue)), clock.instant());
      }
      c.commit();

      assertThat(waitFor(heard, queue)).isTrue();
    }
  }

  @Test
  void anEnqueueWithoutKeysOrParentsIsOneStatementThatAlsoAnnouncesTheJob() throws Exception {
    TenantId tenant = tenant();
    String queue = queue();
    NewJob n = job(queue);
    AtomicInteger statements = new AtomicInteger();
    JdbcJobStore counted = JdbcJobStore.of(counting(pool, statements));
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    try (JobSignal.Subscription sub = store.signals().orElseThrow().subscribe(heard::add)) {
      counted.insert(tenant, List.of(n), clock.instant());

      assertThat(statements.get()).isEqualTo(1);
      assertThat(waitFor(heard, queue)).isTrue();
    }
    assertThat(store.get(tenant, n.id())).map(Job::state).contains(JobState.QUEUED);
  }

  @Test
  void anIdleWorkerStartsAJobEnqueuedOnAnotherNodeWithoutWaitingForItsPoll() throws Exception {
    String queue = queue();
    TenantId tenant = tenant();
    BlockingQueue<UUID> started = new LinkedBlockingQueue<>();
    store.saveQueue(QueueConfig.defaults(queue));
    try (IrisRuntime runtime = IrisRuntime.builder().name("wake").build();
        HikariDataSource otherNode = pool(2)) {
      JobQueue.builder()
          .store(store)
          .runtime(runtime)
          .runScheduler(false)
          .workerQueues(queue)
          .pollInterval(Duration.ofHours(1))
          .handler("test.job", ctx -> started.add(ctx.job().id()))
          .build();
      runtime.start();
      JdbcJobStore other = JdbcJobStore.of(otherNode);
      for (int i = 0; i < 3; i++) {
        NewJob n = job(queue);
        other.insert(tenant, List.of(n), Instant.now());

        assertThat(started.poll(10, TimeUnit.SECONDS)).as("job %s started", i).isEqualTo(n.id());
      }
    }
  }

  private static boolean waitFor(BlockingQueue<String> heard, String queue)
      throws InterruptedException {
    while (true) {
      String next = heard.poll(10, TimeUnit.SECONDS);
      if (next == null) {
        return false;
      }
      if (next.equals(queue)) {
        return true;
      }
    }
  }

  // ---- the caller's transaction --------------------------------------------------------------

  @Test
  void jobsEnqueuedInTheCallersTransactionExistOnceItCommits() throws Exception {
    TenantId tenant = tenant();
    String queue = queue();
    NewJob n = job(queue);
    UUID order = UUID.randomUUID();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      insertOrder(c, order);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        store.insert(tenant, List.of(n), clock.instant());
      }
      assertThat(store.get(tenant, n.id())).as("invisible before commit").isEmpty();
      c.commit();
    }

    assertThat(orderExists(order)).isTrue();
    assertThat(store.get(tenant, n.id())).isPresent();
    assertThat(store.claim(ClaimRequest.of(queue, 1, "worker", LEASE), clock.instant()))
        .extracting(Job::id)
        .containsExactly(n.id());
  }

  @Test
  void jobsEnqueuedInTheCallersTransactionVanishWhenItRollsBack() throws Exception {
    TenantId tenant = tenant();
    String queue = queue();
    NewJob n = job(queue);
    UUID order = UUID.randomUUID();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      insertOrder(c, order);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        store.insert(tenant, List.of(n), clock.instant());
      }
      c.rollback();
    }

    assertThat(orderExists(order)).isFalse();
    assertThat(store.get(tenant, n.id())).isEmpty();
    assertThat(store.claim(ClaimRequest.of(queue, 1, "worker", LEASE), clock.instant())).isEmpty();
  }

  @Test
  void codeRunInAJoinedTransactionSeesItsOwnUncommittedJobs() throws Exception {
    TenantId tenant = tenant();
    NewJob parent = job(queue());
    NewJob child = job(queue(), List.of(parent.id()));
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      Job blocked;
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        store.insert(tenant, List.of(parent), clock.instant());
        assertThat(store.get(tenant, parent.id())).isPresent();
        blocked = store.insert(tenant, List.of(child), clock.instant()).get(0).job();
      }
      assertThat(blocked.state()).isEqualTo(JobState.BLOCKED);
      assertThat(store.get(tenant, parent.id())).isEmpty();
      c.commit();
    }

    assertThat(store.get(tenant, child.id()).orElseThrow().state()).isEqualTo(JobState.BLOCKED);
  }

  @Test
  void joiningNeedsATransaction() throws Exception {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);

      assertThatThrownBy(() -> JdbcTransaction.join(c))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("auto-commit");
    }
  }

  private static void insertOrder(Connection c, UUID id) throws SQLException {
    try (var s = c.prepareStatement("insert into orders (id, total) values (?, 42)")) {
      s.setObject(1, id);
      s.executeUpdate();
    }
  }

  private static boolean orderExists(UUID id) throws SQLException {
    try (Connection c = pool.getConnection();
        var s = c.prepareStatement("select 1 from orders where id = ?")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }
}
