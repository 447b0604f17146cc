package io.srespace.ops.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A CPU quota on a port's cgroup ({@code sre-space-chaos/<port>} of the cpu controller, cgroup v1
 * or v2). The local stack starts each demo service through {@link #joinCommand}, so the process
 * that replaces a starved one joins the same cgroup: the quota is the deployment's, as a
 * container's CPU limit is, and a restart does not lift it.
 */
final class CpuQuota {
  private static final long PERIOD_MICROS = 100_000;
  private static final long LEAST_QUOTA_MICROS = 1_000;

  private final Path root;

  /** {@code root}: where the cgroup file system is mounted, {@code /sys/fs/cgroup} on a host. */
  CpuQuota(Path root) {
    this.root = root;
  }

  static CpuQuota host() {
    return new CpuQuota(Path.of("/sys/fs/cgroup"));
  }

  /**
   * Limits the port's cgroup to {@code percent} of one CPU and moves {@code pids} into it.
   *
   * @throws IOException when there is no writable cpu controller (not root, or no cgroups)
   */
  void limit(int port, double percent, List<Long> pids) throws IOException {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "a CPU quota is a percentage of one CPU above 0 and at most 100, was " + percent);
    }
    Path cgroup = cgroup(port);
    try {
      Files.createDirectories(cgroup);
    } catch (IOException e) {
      throw new IOException(
          "cannot create the cgroup %s (CPU starvation needs root and a cgroup file system): %s"
              .formatted(cgroup, e.getMessage()),
          e);
    }
    long quota = Math.max(LEAST_QUOTA_MICROS, Math.round(PERIOD_MICROS * percent / 100));
    if (unified()) {
      // v2 gives a child the cpu controller only when its parent hands it down.
      write(root.resolve("cgroup.subtree_control"), "+cpu");
      write(cgroup.getParent().resolve("cgroup.subtree_control"), "+cpu");
      write(cgroup.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
    } else {
      write(cgroup.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD_MICROS));
      write(cgroup.resolve("cpu.cfs_quota_us"), String.valueOf(quota));
    }
    for (long pid : pids) {
      write(cgroup.resolve("cgroup.procs"), String.valueOf(pid));
    }
  }

  /**
   * Lifts the port's quota: its processes go back to the top cgroup and its cgroup is removed.
   * Returns whether there was one.
   */
  boolean lift(int port) throws IOException {
    Path cgroup = cgroup(port);
    if (!Files.isDirectory(cgroup)) {
      return false;
    }
    Path top = unified() ? root : root.resolve("cpu");
    for (String pid : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
      if (!pid.isBlank()) {
        write(top.resolve("cgroup.procs"), pid.strip());
      }
    }
    Files.delete(cgroup);
    return true;
  }

  /** The port's quota in percent of one CPU, when one is set. */
  OptionalDouble percent(int port) throws IOException {
    Path cgroup = cgroup(port);
    if (!Files.isDirectory(cgroup)) {
      return OptionalDouble.empty();
    }
    String[] limit =
        unified()
            ? read(cgroup.resolve("cpu.max")).split(" ")
            : new String[] {
              read(cgroup.resolve("cpu.cfs_quota_us")), read(cgroup.resolve("cpu.cfs_period_us"))
            };
    if (limit[0].equals("max") || limit[0].startsWith("-")) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(100.0 * Long.parseLong(limit[0]) / Long.parseLong(limit[1]));
  }

  /** The processes in the port's cgroup. */
  List<Long> processes(int port) throws IOException {
    Path procs = cgroup(port).resolve("cgroup.procs");
    return Files.exists(procs)
        ? Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).map(Long::valueOf).toList()
        : List.of();
  }

  /**
   * The shell words that put the shell ({@code $$}, which then execs the service) into the port's
   * cgroup when there is one: how the local stack starts a demo service.
   */
  String joinCommand(int port) {
    return "for g in %s %s; do [ -w $g/cgroup.procs ] && echo $$ > $g/cgroup.procs; done;"
        .formatted(
            root.resolve("cpu/sre-space-chaos").resolve(String.valueOf(port)),
            root.resolve("sre-space-chaos").resolve(String.valueOf(port)));
  }

  Path cgroup(int port) {
    Path base = unified() ? root.resolve("sre-space-chaos") : root.resolve("cpu/sre-space-chaos");
    return base.resolve(String.valueOf(port));
  }

  /** cgroup v2 (one hierarchy) rather than v1 (a hierarchy per controller). */
  private boolean unified() {
    return Files.exists(root.resolve("cgroup.controllers"));
  }

  private static void write(Path file, String value) throws IOException {
    try {
      Files.write(file, value.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new IOException("cannot write %s to %s: %s".formatted(value, file, e.getMessage()), e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII).strip();
  }
}
