package com.techradium.iris.benchmarks.recording;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * The {@link RecordingCipherBenchmark} operations timed in thread CPU time rather than wall-clock
 * time: each round runs every operation once, in turn, so IRIS and Tink share whatever the machine
 * is doing, and each is charged only for the CPU its own thread used. The order is shuffled every
 * round (with a fixed seed), so no operation always follows the same one: an encryption that
 * follows a decryption finds the 8 MiB plaintext pushed out of the cache by the decryption's own 8
 * MiB and pays for reading it back (2 to 4 % of an encryption here), which a fixed order charges to
 * one side every round. On a shared machine, where other processes take the CPU away for whole
 * scheduler slices, JMH's wall-clock scores can swing by a factor of two between iterations; CPU
 * time per operation does not, so the IRIS-to-Tink ratio stays readable. Prints the median and the
 * 10th percentile per operation after a warm-up of a quarter of the rounds, and the IRIS-to-Tink
 * ratio taken round by round (each IRIS operation against the Tink one of the same round, whatever
 * the machine was doing then weighing on both). The empty recordings, which take microseconds, are
 * timed {@value #EMPTY_BATCH} at a time and reported per recording.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar \
 *     com.techradium.iris.benchmarks.recording.RecordingCipherCpuTime [rounds, default 400]
 * }</pre>
 */
public final class RecordingCipherCpuTime {
  /** Empty recordings per timed sample. */
  static final int EMPTY_BATCH = 100;

  private RecordingCipherCpuTime() {}

  /**
   * The ratio {@code tink / iris} of the two operations' CPU times in each round, so what the
   * machine did in that round weighs on both: median, quartiles, and a 95 % confidence interval of
   * the median (the order statistics {@code n/2 ± 0.98 √n}, which hold whatever the distribution).
   */
  private static String pairedRatio(List<Long> tink, List<Long> iris) {
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < tink.size(); round++) {
      ratios.add((double) tink.get(round) / iris.get(round));
    }
    Collections.sort(ratios);
    int n = ratios.size();
    int spread = (int) Math.ceil(0.98 * Math.sqrt(n));
    return String.format(
        "%.3f (%.3f to %.3f; median within %.3f to %.3f at 95 %%)",
        ratios.get(n / 2),
        ratios.get(n / 4),
        ratios.get(3 * n / 4),
        ratios.get(Math.max(0, n / 2 - spread)),
        ratios.get(Math.min(n - 1, n / 2 + spread)));
  }

  private static Callable<Long> batch(Callable<Long> operation) {
    return () -> {
      long sum = 0;
      for (int i = 0; i < EMPTY_BATCH; i++) {
        sum += operation.call();
      }
      return sum;
    };
  }

  /**
   * Runs the comparison.
   *
   * @param args optionally the number of rounds
   * @throws Exception if an operation fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    RecordingCipherBenchmark benchmark = new RecordingCipherBenchmark();
    benchmark.setUp();
    Map<String, Callable<Long>> operations = new LinkedHashMap<>();
    operations.put("irisEncrypt", benchmark::irisEncrypt);
    operations.put("tinkEncrypt", benchmark::tinkEncrypt);
    operations.put("tinkEncryptWithCrc32c", benchmark::tinkEncryptWithCrc32c);
    operations.put("jdkGcmSegments", benchmark::jdkGcmSegments);
    operations.put("irisDecrypt", benchmark::irisDecrypt);
    operations.put("tinkDecrypt", benchmark::tinkDecrypt);
    operations.put("irisEncryptEmpty", batch(benchmark::irisEncryptEmpty));
    operations.put("tinkEncryptEmpty", batch(benchmark::tinkEncryptEmpty));
    Map<String, List<Long>> nanos = new LinkedHashMap<>();
    operations.keySet().forEach(name -> nanos.put(name, new ArrayList<>()));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long blackhole = 0;
    List<Map.Entry<String, Callable<Long>>> order = new ArrayList<>(operations.entrySet());
    Random shuffle = new Random(42);
    for (int round = 0; round < rounds; round++) {
      Collections.shuffle(order, shuffle);
      for (Map.Entry<String, Callable<Long>> operation : order) {
        long start = threads.getCurrentThreadCpuTime();
        blackhole += operation.getValue().call();
        long used = threads.getCurrentThreadCpuTime() - start;
        if (round >= rounds / 4) {
          nanos.get(operation.getKey()).add(used);
        }
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    System.out.printf(
        "%-22s %12s %12s %10s   (%d MiB per operation, %d rounds)%n",
        "operation", "median ms", "p10 ms", "MB/s", RecordingCipherBenchmark.SIZE >> 20, rounds);
    for (Map.Entry<String, List<Long>> entry : nanos.entrySet()) {
      List<Long> sorted = new ArrayList<>(entry.getValue());
      Collections.sort(sorted);
      double median = sorted.get(sorted.size() / 2) / 1e6;
      double p10 = sorted.get(sorted.size() / 10) / 1e6;
      medians.put(entry.getKey(), median);
      if (entry.getKey().endsWith("Empty")) {
        System.out.printf(
            "%-22s %12.2f %12.2f   (microseconds per empty recording)%n",
            entry.getKey(), median * 1e3 / EMPTY_BATCH, p10 * 1e3 / EMPTY_BATCH);
      } else {
        System.out.printf(
            "%-22s %12.3f %12.3f %10.0f%n",
            entry.getKey(), median, p10, RecordingCipherBenchmark.SIZE / median / 1e3);
      }
    }
    System.out.printf(
        "IRIS / Tink (CPU time per operation, inverted): encrypt %.3f, encrypt against Tink +"
            + " CRC32C %.3f, decrypt %.3f, empty recording %.2f%n",
        medians.get("tinkEncrypt") / medians.get("irisEncrypt"),
        medians.get("tinkEncryptWithCrc32c") / medians.get("irisEncrypt"),
        medians.get("tinkDecrypt") / medians.get("irisDecrypt"),
        medians.get("tinkEncryptEmpty") / medians.get("irisEncryptEmpty"));
    System.out.printf(
        "Round by round (Tink / IRIS within each round, median and quartiles): encrypt %s,"
            + " decrypt %s%n",
        pairedRatio(nanos.get("tinkEncrypt"), nanos.get("irisEncrypt")),
        pairedRatio(nanos.get("tinkDecrypt"), nanos.get("irisDecrypt")));
    double floor = medians.get("jdkGcmSegments");
    System.out.printf(
        "Above the bare JDK AES-GCM segments: IRIS encrypt +%.1f %%, Tink encrypt +%.1f %%%n",
        (medians.get("irisEncrypt") / floor - 1) * 100,
        (medians.get("tinkEncrypt") / floor - 1) * 100);
    if (blackhole == 42) {
      System.out.println();
    }
  }
}
