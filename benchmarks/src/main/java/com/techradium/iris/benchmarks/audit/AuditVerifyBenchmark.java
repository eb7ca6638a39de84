package com.techradium.iris.benchmarks.audit;

import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.VerificationReport;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.TenantId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Verifying a chain of {@value #EVENTS} events: re-hashing every event and checking every link,
 * from the in-memory store and from PostgreSQL (reading pages of 1,000 rows). Events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuditVerifyBenchmark {
  static final int EVENTS = 200_000;

  @Param({"memory", "postgres"})
  public String store;

  private final TenantId tenant = TenantId.of("bench-verify");
  private AuditFixtures.Database database;
  private AuditLog audit;

  @Setup
  public void setUp() {
    if (store.equals("postgres")) {
      database = new AuditFixtures.Database(2);
      audit = AuditLog.builder().store(database.store).build();
      database.fill(audit, tenant, EVENTS);
    } else {
      audit = AuditLog.builder().store(new InMemoryAuditStore()).build();
      audit.recordAll(AuditFixtures.events(tenant, EVENTS));
    }
    VerificationReport report = audit.verify(tenant);
    if (!report.valid() || report.eventsChecked() != EVENTS) {
      throw new IllegalStateException("unexpected verification result: " + report);
    }
  }

  @TearDown
  public void tearDown() {
    if (database != null) {
      database.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public VerificationReport verify() {
    return audit.verify(tenant);
  }
}
