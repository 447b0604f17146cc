package io.srespace.demo.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuThrottlingTest {
  @TempDir Path dir;

  @Test
  void reportsTheShareOfPeriodsThrottledSinceTheLastReportFromACgroupV1CpuController()
      throws Exception {
    Path proc =
        Files.writeString(dir.resolve("cgroup"), "4:memory:/\n1:cpu:/sre-space-chaos/8080\n");
    Path stat =
        Files.createDirectories(dir.resolve("cpu/sre-space-chaos/8080")).resolve("cpu.stat");
    CpuThrottling throttling = new CpuThrottling(proc, dir);

    Files.writeString(stat, "nr_periods 100\nnr_throttled 10\nthrottled_time 5\n");
    assertThat(throttling.gauges())
        .singleElement()
        .extracting(GaugeSource.Gauge::value)
        .isEqualTo(0.0);
    Files.writeString(stat, "nr_periods 150\nnr_throttled 50\nthrottled_time 9\n");
    assertThat(throttling.gauges())
        .singleElement()
        .satisfies(
            gauge -> {
              assertThat(gauge.name()).isEqualTo("process.cpu.throttled_ratio");
              assertThat(gauge.value()).isEqualTo(0.8);
            });
  }

  @Test
  void readsTheUnifiedHierarchyAndReportsNothingWithoutACpuStat() throws Exception {
    Path proc = Files.writeString(dir.resolve("cgroup"), "0::/app\n");
    CpuThrottling throttling = new CpuThrottling(proc, dir);
    assertThat(throttling.gauges()).isEmpty();

    Path stat = Files.createDirectories(dir.resolve("app")).resolve("cpu.stat");
    Files.writeString(stat, "usage_usec 1\nnr_periods 10\nnr_throttled 0\nthrottled_usec 0\n");
    throttling.gauges();
    Files.writeString(stat, "usage_usec 2\nnr_periods 20\nnr_throttled 5\nthrottled_usec 9\n");
    assertThat(throttling.gauges())
        .singleElement()
        .extracting(GaugeSource.Gauge::value)
        .isEqualTo(0.5);
  }
}
