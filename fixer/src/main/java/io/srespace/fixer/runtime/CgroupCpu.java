package io.srespace.fixer.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A process's CPU quota and how hard it holds the process back, read from the process's cgroup (v1
 * or v2) as a container platform reads it: the quota from {@code cpu.cfs_quota_us} or {@code
 * cpu.max}, the periods the process ran and those it was throttled in from {@code cpu.stat}. A
 * process starved this way does not report it itself — a JVM under 1 % of a CPU answers no probe
 * and exports nothing — so the platform's view is the one to trust.
 */
public final class CgroupCpu {
  private final Path proc;
  private final Path cgroupRoot;

  /** {@code proc} and {@code cgroupRoot}: {@code /proc} and {@code /sys/fs/cgroup} on a host. */
  public CgroupCpu(Path proc, Path cgroupRoot) {
    this.proc = proc;
    this.cgroupRoot = cgroupRoot;
  }

  public static CgroupCpu host() {
    return new CgroupCpu(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
  }

  /** The quota in CPUs and the periods throttled over a sample, of one process. */
  public record Throttling(double quotaCpus, long periods, long throttled, Duration over) {
    public double share() {
      return periods == 0 ? 0 : (double) throttled / periods;
    }

    /** At least half the periods it had work in were cut short by the quota. */
    public boolean starved() {
      return periods > 0 && share() >= 0.5;
    }

    public String describe() {
      return "a CPU quota of %.2f CPU held it back in %d of the %d periods it ran over %d ms"
          .formatted(quotaCpus, throttled, periods, over.toMillis());
    }
  }

  /**
   * How the quota of process {@code pid} held it back over {@code over}; empty when the process has
   * no quota, is gone, or its cgroup cannot be read from here (another host, a container without
   * the host's {@code /proc}).
   */
  public Optional<Throttling> sample(long pid, Duration over) throws InterruptedException {
    Optional<Path> cgroup = cpuCgroup(pid);
    if (cgroup.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<Double> quota = quotaCpus(cgroup.get());
      if (quota.isEmpty()) {
        return Optional.empty();
      }
      long[] before = stat(cgroup.get());
      Thread.sleep(over.toMillis());
      long[] after = stat(cgroup.get());
      return Optional.of(
          new Throttling(
              quota.get(),
              Math.max(0, after[0] - before[0]),
              Math.max(0, after[1] - before[1]),
              over));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** The directory of the cgroup whose CPU controller governs the process. */
  private Optional<Path> cpuCgroup(long pid) {
    List<String> lines;
    try {
      lines = Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("cgroup"));
    } catch (IOException gone) {
      return Optional.empty();
    }
    for (String line : lines) {
      String[] parts = line.split(":", 3);
      if (parts.length < 3) {
        continue;
      }
      String relative = parts[2].replaceFirst("^/", "");
      if (List.of(parts[1].split(",")).contains("cpu")) {
        return Optional.of(cgroupRoot.resolve("cpu").resolve(relative));
      }
      if (parts[0].equals("0") && parts[1].isEmpty()) {
        return Optional.of(cgroupRoot.resolve(relative));
      }
    }
    return Optional.empty();
  }

  private static Optional<Double> quotaCpus(Path cgroup) throws IOException {
    String[] limit =
        Files.exists(cgroup.resolve("cpu.max"))
            ? read(cgroup.resolve("cpu.max")).split(" ")
            : new String[] {
              read(cgroup.resolve("cpu.cfs_quota_us")), read(cgroup.resolve("cpu.cfs_period_us"))
            };
    if (limit.length < 2 || limit[0].equals("max") || limit[0].startsWith("-")) {
      return Optional.empty();
    }
    return Optional.of((double) Long.parseLong(limit[0]) / Long.parseLong(limit[1]));
  }

  /** {@code nr_periods} and {@code nr_throttled}. */
  private static long[] stat(Path cgroup) throws IOException {
    long[] counts = new long[2];
    for (String line : Files.readAllLines(cgroup.resolve("cpu.stat"))) {
      String[] field = line.split(" ");
      if (field.length == 2 && field[0].equals("nr_periods")) {
        counts[0] = Long.parseLong(field[1]);
      } else if (field.length == 2 && field[0].equals("nr_throttled")) {
        counts[1] = Long.parseLong(field[1]);
      }
    }
    return counts;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII).strip();
  }
}
