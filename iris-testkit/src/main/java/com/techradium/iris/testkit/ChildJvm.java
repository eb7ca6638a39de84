package com.techradium.iris.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this JVM's class path, for tests that kill a process for real: start it with a
 * main class, wait while it works, then {@link #kill()} it with SIGKILL. What the child prints goes
 * to a log file, quoted when a wait fails.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(Worker.class, List.of(url), dir.resolve("child.log"))) {
 *   child.awaitWhileAlive("the worker took a job", Duration.ofSeconds(60), () -> started());
 *   assertThat(child.kill()).isEqualTo(ChildJvm.SIGKILL_EXIT);
 * }
 * }</pre>
 *
 * <p>Not thread-safe; one test thread drives it.
 */
public final class ChildJvm implements AutoCloseable {
  /** The exit status of a process ended by SIGKILL on Linux and macOS: 128 + 9. */
  public static final int SIGKILL_EXIT = 137;

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** A condition a test waits for; it may throw, which fails the wait. */
  @FunctionalInterface
  public interface Condition {
    /**
     * Whether the awaited state is reached.
     *
     * @return {@code true} to end the wait
     * @throws Exception any failure, which ends the wait with that exception
     */
    boolean met() throws Exception;
  }

  /**
   * Starts {@code java -cp <this JVM's class path> mainClass args...} with this JVM's {@code java},
   * its output (stdout and stderr) written to {@code log}.
   *
   * @param mainClass the class whose {@code main} the child runs; on this JVM's class path
   * @param args the arguments of {@code main}
   * @param log the file the child's output goes to, replaced if it exists
   * @return the running child; close it (try-with-resources) so that no child outlives the test
   * @throws NullPointerException if an argument is null
   * @throws IOException if the process cannot be started
   */
  public static ChildJvm start(Class<?> mainClass, List<String> args, Path log) throws IOException {
    Objects.requireNonNull(mainClass, "mainClass");
    Objects.requireNonNull(log, "log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildJvm(process, log);
  }

  /**
   * Waits until {@code condition} is met, checking every few milliseconds.
   *
   * @param what the awaited state in words, for the failure message ("the worker took a job")
   * @param timeout the longest wait
   * @param condition checked on the calling thread until it is met
   * @throws Exception what {@code condition} throws, or {@link InterruptedException} if the thread
   *     is interrupted
   * @throws AssertionError with the child's log if the child exits first, or if {@code timeout}
   *     passes; keep it generous, it bounds a hang and is not a measurement
   */
  public void awaitWhileAlive(String what, Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.met()) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the child JVM exited (status "
                + process.exitValue()
                + ") before "
                + what
                + ": "
                + log());
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting until " + what + "; child log: " + log());
      }
      Thread.sleep(5);
    }
  }

  /**
   * Kills the child with SIGKILL ({@link Process#destroyForcibly()} on Linux and macOS) and waits
   * for it to be gone.
   *
   * @return its exit status, {@link #SIGKILL_EXIT} when the signal ended it
   * @throws InterruptedException if the thread is interrupted while waiting
   * @throws AssertionError if it is still there 30 seconds later
   */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the child JVM survived SIGKILL for 30 s");
    }
    return process.exitValue();
  }

  /**
   * Kills the child if it still runs, as {@link #kill()}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting for the child to end
   */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "(no output)";
  }
}
