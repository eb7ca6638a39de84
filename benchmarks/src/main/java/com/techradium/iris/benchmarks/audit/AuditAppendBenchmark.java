package com.techradium.iris.benchmarks.audit;

import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.core.TenantId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Appending to the PostgreSQL audit store with the hash chain: batches of 1,000 events (events/s),
 * from one thread into one chain and from two threads into two tenants' chains, and one event at a
 * time (latency distribution, for p50/p99). Every append is one transaction that locks the chain
 * head, chains the events and inserts them.
 */
@State(Scope.Benchmark)
public class AuditAppendBenchmark {
  static final int BATCH = 1000;

  private AuditFixtures.Database database;
  private AuditLog audit;
  private final AtomicInteger tenants = new AtomicInteger();

  /** Each thread appends to its own tenant's chain. */
  @State(Scope.Thread)
  public static class Writer {
    TenantId tenant;
    List<AuditEvent> batch;
    AuditEvent single;

    @Setup
    public void setUp(AuditAppendBenchmark shared) {
      tenant = TenantId.of("bench-" + shared.tenants.incrementAndGet());
      batch = AuditFixtures.events(tenant, BATCH);
      single = batch.get(0);
    }
  }

  @Setup
  public void setUp() {
    database = new AuditFixtures.Database(4);
    audit = AuditLog.builder().store(database.store).build();
  }

  @TearDown
  public void tearDown() {
    database.close();
  }

  /** One thread, batches of 1,000 into one chain: events per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public List<AuditRecord> batchedAppend(Writer writer) {
    return audit.recordAll(writer.batch);
  }

  /** Two threads, batches of 1,000 into two tenants' chains: events per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  @Threads(2)
  public List<AuditRecord> batchedAppendTwoTenants(Writer writer) {
    return audit.recordAll(writer.batch);
  }

  /** One synchronous append of one event, durable on return: latency distribution. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public AuditRecord singleAppend(Writer writer) {
    return audit.record(writer.single);
  }
}
