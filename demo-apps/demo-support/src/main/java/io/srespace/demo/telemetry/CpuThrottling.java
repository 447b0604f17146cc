package io.srespace.demo.telemetry;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How much of the time the process's cgroup was held back by its CPU quota since the last report:
 * throttled periods over elapsed periods of the cgroup's {@code cpu.stat} (v1 or v2), the measure
 * container platforms report. A process outside any quota reports 0.
 */
@Singleton
public class CpuThrottling implements GaugeSource {
  private final Path procSelfCgroup;
  private final Path cgroupRoot;
  private long lastPeriods = -1;
  private long lastThrottled = -1;

  public CpuThrottling() {
    this(Path.of("/proc/self/cgroup"), Path.of("/sys/fs/cgroup"));
  }

  CpuThrottling(Path procSelfCgroup, Path cgroupRoot) {
    this.procSelfCgroup = procSelfCgroup;
    this.cgroupRoot = cgroupRoot;
  }

  @Override
  public synchronized List<Gauge> gauges() {
    Optional<Path> stat = cpuStat();
    if (stat.isEmpty()) {
      return List.of();
    }
    long periods;
    long throttled;
    try {
      List<String> lines = Files.readAllLines(stat.get());
      periods = field(lines, "nr_periods").orElse(0);
      throttled = field(lines, "nr_throttled").orElse(0);
    } catch (IOException e) {
      return List.of();
    }
    double ratio = 0;
    if (lastPeriods >= 0 && periods > lastPeriods && throttled >= lastThrottled) {
      ratio = (double) (throttled - lastThrottled) / (periods - lastPeriods);
    }
    lastPeriods = periods;
    lastThrottled = throttled;
    return List.of(new Gauge("process.cpu.throttled_ratio", "1", Math.min(1, ratio), Map.of()));
  }

  /** The cpu.stat of the cgroup the process is in: the cpu controller's (v1) or the unified one. */
  private Optional<Path> cpuStat() {
    try {
      for (String line : Files.readAllLines(procSelfCgroup)) {
        String[] parts = line.split(":", 3);
        if (parts.length < 3) {
          continue;
        }
        boolean v1 = List.of(parts[1].split(",")).contains("cpu");
        boolean v2 = parts[0].equals("0") && parts[1].isEmpty();
        Path controller = v1 ? cgroupRoot.resolve("cpu") : cgroupRoot;
        Path stat = controller.resolve(parts[2].replaceFirst("^/", "")).resolve("cpu.stat");
        if ((v1 || v2) && Files.isReadable(stat)) {
          return Optional.of(stat);
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static OptionalLong field(List<String> lines, String name) {
    for (String line : lines) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2 && parts[0].equals(name)) {
        return OptionalLong.of(Long.parseLong(parts[1]));
      }
    }
    return OptionalLong.empty();
  }
}
