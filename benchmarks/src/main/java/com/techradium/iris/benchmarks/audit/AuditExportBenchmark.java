package com.techradium.iris.benchmarks.audit;

import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.ExportSummary;
import com.techradium.iris.core.TenantId;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Exporting {@value #EVENTS} events from PostgreSQL as JSON Lines into a discarding writer
 * (events/s). A sampler thread records the most heap in use during each export, reported as the
 * {@code maxHeapUsedMb} counter: with the export streaming page by page it stays flat, well below
 * the size of the exported data (about 700 MB of JSON Lines); run with a small {@code -Xmx} to
 * prove it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuditExportBenchmark {
  static final int EVENTS = 1_000_000;

  private final TenantId tenant = TenantId.of("bench-export");
  private final AuditQuery everything =
      AuditQuery.forTenant(tenant).categories(AuditCategory.AUDIT).build();
  private final Accessor auditor = Accessor.system("benchmark", "export benchmark");
  private AuditFixtures.Database database;
  private AuditLog audit;

  /** The heap sampler and its result, per iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Heap {
    public double maxHeapUsedMb;
    public long bytesWritten;
  }

  @Setup
  public void setUp() {
    database = new AuditFixtures.Database(2);
    audit = AuditLog.builder().store(database.store).build();
    database.fill(audit, tenant, EVENTS);
  }

  @TearDown
  public void tearDown() {
    database.close();
  }

  @Setup(Level.Iteration)
  public void collect() {
    System.gc();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public ExportSummary exportJsonLines(Heap heap) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong max = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    CountingWriter out = new CountingWriter();
    try {
      ExportSummary summary = audit.exportJsonLines(everything, auditor, out);
      if (summary.events() != EVENTS) {
        throw new IllegalStateException("exported " + summary.events() + " events");
      }
      return summary;
    } finally {
      running.set(false);
      sampler.join();
      heap.maxHeapUsedMb = Math.max(heap.maxHeapUsedMb, max.get() / (1024.0 * 1024.0));
      heap.bytesWritten = out.count;
    }
  }

  /** Discards what it is given, counting characters. */
  static final class CountingWriter extends Writer {
    long count;

    @Override
    public void write(char[] buffer, int offset, int length) {
      count += length;
    }

    @Override
    public void write(String text, int offset, int length) {
      count += length;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
