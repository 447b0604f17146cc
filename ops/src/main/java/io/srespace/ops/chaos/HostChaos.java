package io.srespace.ops.chaos;

import io.srespace.events.ChaosEvent;
import io.srespace.events.Fault;
import io.srespace.events.FaultCleared;
import io.srespace.events.FaultInjected;
import io.srespace.ops.stack.DataVolume;
import io.srespace.ops.stack.HostCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Faults done to a service from outside its process, the way the infrastructure does them (and
 * Chaos Mesh or Litmus inject them, whatever the application): a hang (SIGSTOP, then SIGCONT when
 * cleared), a kill -9, packet loss or a delay on the way to its port, CPU starvation by a cgroup
 * quota, its data volume filled to the last byte. Packet loss, the delay and the quota belong to
 * the service's port and the full disk to its volume, so they outlive a restart; a hang and a kill
 * are healed by a new process. Each injection and clearance is recorded (on {@code chaos.faults},
 * for evaluators; no agent reads it). Runs as root.
 */
public final class HostChaos {
  /** The faults done from outside; the others are the services' own switches. */
  public static final Set<Fault> FAULTS =
      Set.of(
          Fault.HANG,
          Fault.PACKET_LOSS,
          Fault.NETWORK_DELAY,
          Fault.CPU_STARVATION,
          Fault.DISK_FULL);

  private static final double DEFAULT_LOSS_PERCENT = 30;
  private static final double DEFAULT_DELAY_MILLIS = 300;
  private static final double DEFAULT_CPU_PERCENT = 5;
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  /**
   * A service as the host sees it: the port it serves on, its processes when asked, and its data
   * volume (null when it keeps no data).
   */
  public record Target(
      String service, int port, Supplier<List<ProcessHandle>> processes, Path dataVolume) {

    public Target(String service, int port, Supplier<List<ProcessHandle>> processes) {
      this(service, port, processes, null);
    }
  }

  /**
   * Where each injection and clearance goes: {@code chaos.faults}, dated when the tool began it (so
   * detection is measured from before the fault took effect).
   */
  @FunctionalInterface
  public interface Record {
    void accept(ChaosEvent fact, Instant at) throws IOException;
  }

  private final CpuQuota cpu;
  private final Record record;

  public HostChaos(Record record) {
    this(CpuQuota.host(), record);
  }

  HostChaos(CpuQuota cpu, Record record) {
    this.cpu = cpu;
    this.record = record;
  }

  /**
   * Turns the fault on from outside ({@code intensity}: percent of packets lost, milliseconds of
   * delay, or percent of one CPU; null for the default); returns what was done. A kill returns once
   * the processes are gone.
   */
  public String inject(Fault fault, Target target, Double intensity) throws IOException {
    Instant began = Instant.now();
    List<ProcessHandle> processes = target.processes().get();
    List<Long> pids = processes.stream().map(ProcessHandle::pid).toList();
    double amount = 0;
    String done;
    switch (fault) {
      case HANG -> {
        signal("STOP", running(target, pids));
        done = "stopped %s (pid %s) with SIGSTOP".formatted(target.service(), pids);
      }
      case KILL -> {
        running(target, pids);
        processes.forEach(ProcessHandle::destroyForcibly);
        awaitGone(target, processes);
        done = "killed %s (pid %s) with SIGKILL".formatted(target.service(), pids);
      }
      case PACKET_LOSS -> {
        amount = intensity == null ? DEFAULT_LOSS_PERCENT : intensity;
        PacketLoss.add(target.port(), amount);
        done =
            "dropping %s %% of the packets to and from %s's port %d"
                .formatted(amount(amount), target.service(), target.port());
      }
      case NETWORK_DELAY -> {
        amount = intensity == null ? DEFAULT_DELAY_MILLIS : intensity;
        Path log = NetworkDelay.add(target.port(), amount);
        done =
            "holding what is sent to %s's port %d back %s ms (a proxy; its log %s)"
                .formatted(target.service(), target.port(), amount(amount), log);
      }
      case CPU_STARVATION -> {
        amount = intensity == null ? DEFAULT_CPU_PERCENT : intensity;
        cpu.limit(target.port(), amount, running(target, pids));
        done =
            "%s (pid %s) may use %s %% of one CPU (cgroup %s)"
                .formatted(target.service(), pids, amount(amount), cpu.cgroup(target.port()));
      }
      case DISK_FULL -> {
        Path volume = volume(target);
        if (DiskBallast.mebibytes(volume).isPresent()) {
          throw new IllegalArgumentException(
              "%s's data volume is full already: ./sre-space chaos clear disk-full %s"
                  .formatted(target.service(), target.service()));
        }
        amount = DiskBallast.fill(volume);
        done =
            "filled %s's data volume %s with %s MiB (%s); its writes now fail"
                .formatted(target.service(), volume, amount(amount), DiskBallast.NAME);
      }
      default ->
          throw new IllegalArgumentException(
              "%s is a switch of the service, not a fault done from outside".formatted(fault));
    }
    record.accept(new FaultInjected(target.service(), fault, amount, null), began);
    return done;
  }

  /**
   * Turns off {@code fault} (every fault done from outside, when null) where it is on; returns what
   * was cleared, one line each.
   */
  public List<String> clear(Target target, Fault fault) throws IOException {
    List<String> cleared = new ArrayList<>();
    Instant began = Instant.now();
    if (wanted(fault, Fault.HANG)) {
      List<Long> stopped = stopped(target);
      if (!stopped.isEmpty()) {
        signal("CONT", stopped);
        cleared.add("resumed %s (pid %s) with SIGCONT".formatted(target.service(), stopped));
        record.accept(new FaultCleared(target.service(), Fault.HANG, "cleared by hand"), began);
      }
    }
    if (wanted(fault, Fault.PACKET_LOSS) && PacketLoss.remove(target.port()) > 0) {
      cleared.add("no more packet loss on %s's port %d".formatted(target.service(), target.port()));
      record.accept(
          new FaultCleared(target.service(), Fault.PACKET_LOSS, "cleared by hand"), began);
    }
    if (wanted(fault, Fault.NETWORK_DELAY) && NetworkDelay.remove(target.port())) {
      cleared.add(
          "no more delay on the way to %s's port %d".formatted(target.service(), target.port()));
      record.accept(
          new FaultCleared(target.service(), Fault.NETWORK_DELAY, "cleared by hand"), began);
    }
    if (wanted(fault, Fault.CPU_STARVATION) && cpu.lift(target.port())) {
      cleared.add("no more CPU quota on %s".formatted(target.service()));
      record.accept(
          new FaultCleared(target.service(), Fault.CPU_STARVATION, "cleared by hand"), began);
    }
    if (wanted(fault, Fault.DISK_FULL)
        && target.dataVolume() != null
        && DiskBallast.remove(target.dataVolume())) {
      cleared.add("%s's data volume has room again".formatted(target.service()));
      record.accept(new FaultCleared(target.service(), Fault.DISK_FULL, "cleared by hand"), began);
    }
    return cleared;
  }

  /** A fault done from outside that is on, and how it shows on the host. */
  public record Active(Fault fault, String detail) {}

  /** The faults done from outside that are on now. */
  public List<Active> active(Target target) throws IOException {
    List<Active> active = new ArrayList<>();
    List<Long> stopped = stopped(target);
    if (!stopped.isEmpty()) {
      active.add(new Active(Fault.HANG, "pid %s stopped".formatted(stopped)));
    }
    if (!PacketLoss.rules(target.port()).isEmpty()) {
      active.add(new Active(Fault.PACKET_LOSS, "on port %d".formatted(target.port())));
    }
    if (NetworkDelay.on(target.port())) {
      active.add(new Active(Fault.NETWORK_DELAY, "on port %d".formatted(target.port())));
    }
    OptionalDouble quota = cpu.percent(target.port());
    if (quota.isPresent()) {
      active.add(
          new Active(
              Fault.CPU_STARVATION, "%s %% of one CPU".formatted(amount(quota.getAsDouble()))));
    }
    if (target.dataVolume() != null) {
      DiskBallast.mebibytes(target.dataVolume())
          .ifPresent(
              mib ->
                  active.add(
                      new Active(
                          Fault.DISK_FULL,
                          "%s MiB of ballast on %s".formatted(amount(mib), target.dataVolume()))));
    }
    return active;
  }

  /** The target's data volume; refused when it keeps no data on a volume of its own. */
  private static Path volume(Target target) throws IOException {
    if (target.dataVolume() == null || !DataVolume.isVolume(target.dataVolume())) {
      throw new IllegalArgumentException(
          "%s keeps no data on a volume of its own (on the local stack, run as root, policy-service does)"
              .formatted(target.service()));
    }
    return target.dataVolume();
  }

  /**
   * The shell words a demo service's start command begins with, so that a process replacing one
   * under a CPU quota runs under it too.
   */
  public static String joinCpuQuota(int port) {
    return CpuQuota.host().joinCommand(port);
  }

  /** The target's processes that are stopped (state T in {@code /proc/<pid>/stat}). */
  private static List<Long> stopped(Target target) {
    return target.processes().get().stream()
        .map(ProcessHandle::pid)
        .filter(HostChaos::isStopped)
        .toList();
  }

  private static boolean isStopped(long pid) {
    try {
      String stat =
          Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.UTF_8);
      int end = stat.lastIndexOf(')');
      return end > 0 && stat.length() > end + 2 && stat.charAt(end + 2) == 'T';
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Long> running(Target target, List<Long> pids) throws IOException {
    if (pids.isEmpty()) {
      throw new IOException("no running process of " + target.service() + " found");
    }
    return pids;
  }

  private static void signal(String signal, List<Long> pids) throws IOException {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(String.valueOf(pid)));
    HostCommand.succeed(command, Duration.ofSeconds(10));
  }

  private static boolean wanted(Fault asked, Fault fault) {
    return asked == null || asked == fault;
  }

  /** An amount as people read it: a whole number without decimals, else with one. */
  static String amount(double value) {
    return String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.1f", value);
  }

  private static void awaitGone(Target target, List<ProcessHandle> processes) throws IOException {
    long deadline = System.nanoTime() + KILL_WAIT.toNanos();
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw new IOException(
            "%s (pid %d) still runs %d s after SIGKILL"
                .formatted(target.service(), process.pid(), KILL_WAIT.toSeconds()),
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + target.service() + " to end", e);
      }
    }
  }
}
