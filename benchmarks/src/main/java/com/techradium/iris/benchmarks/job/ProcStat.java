package com.techradium.iris.benchmarks.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One process's line of {@code /proc/<pid>/stat} (Linux): its parent and its CPU times, in clock
 * ticks ({@value #TICK_NANOS} ns each, the {@code USER_HZ} of 100 every Linux build uses).
 *
 * @param pid the process
 * @param parent its parent process
 * @param ownTicks user plus system time of the process itself
 * @param childTicks user plus system time of its children that exited and were waited for
 */
record ProcStat(long pid, long parent, long ownTicks, long childTicks) {
  static final long TICK_NANOS = 10_000_000L;
  private static final Path PROC = Path.of("/proc");

  /** Reads the line of {@code pid}; a process that is gone reads as no time. */
  static ProcStat read(long pid) {
    String line;
    try {
      line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
    } catch (IOException e) {
      return new ProcStat(pid, 0, 0, 0);
    }
    // The command name, field 2, is in parentheses and may hold spaces: split after its end.
    String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
    return new ProcStat(
        pid,
        Long.parseLong(f[1]),
        Long.parseLong(f[11]) + Long.parseLong(f[12]),
        Long.parseLong(f[13]) + Long.parseLong(f[14]));
  }

  /**
   * The CPU time of {@code root} and its direct children so far, in nanoseconds: the root's own,
   * that of its children it has reaped, and that of its live children.
   */
  static long treeCpuNanos(long root) {
    ProcStat top = read(root);
    long ticks = top.ownTicks() + top.childTicks();
    try (Stream<Path> all = Files.list(PROC)) {
      ticks +=
          all.map(p -> p.getFileName().toString())
              .filter(name -> name.chars().allMatch(Character::isDigit))
              .map(name -> read(Long.parseLong(name)))
              .filter(s -> s.parent() == root)
              .mapToLong(ProcStat::ownTicks)
              .sum();
    } catch (IOException e) {
      return 0;
    }
    return ticks * TICK_NANOS;
  }
}
