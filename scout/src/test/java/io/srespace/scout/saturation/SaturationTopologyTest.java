package io.srespace.scout.saturation;

import static io.srespace.scout.TestStreams.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.topics.Topics;
import io.srespace.scout.TestStreams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaturationTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final double LIMIT = 128e6;

  @TempDir Path state;

  static Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    SaturationTopology.detect(builder, Duration.ofSeconds(300), Duration.ofSeconds(15));
    return builder.build();
  }

  @Test
  void aSawToothingHeapIsNormalALeakIsFlaggedBeforeItFillsAndAPilingPoolIsSeen() {
    try (var driver = new TopologyTestDriver(build(), TestStreams.config("scout-test", state))) {
      var metrics = metrics(driver);
      var anomalies = anomalies(driver);
      var deadLetters =
          driver.createOutputTopic(
              Topics.OTLP_METRICS.deadLetters().name(),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());

      int report = 0;
      for (; report < 30; report++) {
        double sawTooth = 0.30 + 0.08 * (report % 4); // garbage collection every fourth report
        metrics.pipeInput(report(report, sawTooth, 0), at(report));
      }
      metrics.pipeInput("junk".getBytes(StandardCharsets.UTF_8), at(report));
      assertThat(anomalies.isEmpty())
          .as("a saw-toothing heap and an idle pool are normal")
          .isTrue();

      double floor = 0.35;
      Integer flaggedAt = null;
      for (int leak = 0; leak < 30 && flaggedAt == null; leak++, report++) {
        floor += 0.015; // about 0.3 % of the heap per second, retained
        metrics.pipeInput(report(report, floor + 0.05 * (report % 2), 0), at(report));
        if (!anomalies.isEmpty()) {
          flaggedAt = leak;
        }
      }
      assertThat(flaggedAt).as("the leak was flagged").isNotNull();
      assertThat(floor).as("well before the heap is full").isLessThan(0.8);
      AnomalyDetected heap = (AnomalyDetected) anomalies.readValue().data();
      assertThat(heap.anomaly().signal()).isEqualTo(Signal.HEAP);
      assertThat(heap.anomaly().unit()).matches("of the heap limit, full in about \\d+ s");
      assertThat(heap.anomaly().baseline()).as("the heap's floor").isBetween(0.3, 0.7);

      metrics.pipeInput(report(report, 0.3, 6), at(report++));
      metrics.pipeInput(report(report, 0.3, 7), at(report++));
      List<AnomalyDetected> pool =
          anomalies.readValuesToList().stream()
              .map(e -> (AnomalyDetected) e.data())
              .filter(a -> a.anomaly().signal() == Signal.DB_POOL)
              .toList();
      assertThat(pool)
          .as("six waiting on an idle pool: reported from the first report")
          .extracting(a -> a.anomaly().observed())
          .containsExactly(6.0, 7.0);
      assertThat(new String(deadLetters.readValue(), StandardCharsets.UTF_8)).isEqualTo("junk");
    }
  }

  @Test
  void aServiceThatStopsReportingIsNoDataUntilItReportsAgainAndIsForgottenWhenGoneForGood() {
    try (var driver =
        new TopologyTestDriver(build(), TestStreams.config("scout-test", state), T0)) {
      var metrics = metrics(driver);
      var anomalies = anomalies(driver);
      int report = bothReportingAMinute(driver, metrics);
      // user-service goes on reporting: Scout's input flows, policy-service is the quiet one.
      for (int second = 0; second < 11; second++) {
        if (second % 5 == 0) {
          metrics.pipeInput(report("user-service", report + second / 5, 0.3, 0), at(report));
        }
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        if (second == 8) {
          assertThat(anomalies.isEmpty())
              .as("a report every 5 s, quiet for 14 s: not yet")
              .isTrue();
        }
      }

      List<AnomalyDetected> silent =
          anomalies.readValuesToList().stream().map(e -> (AnomalyDetected) e.data()).toList();
      assertThat(silent)
          .as("quiet for 16 s: no data, once a second")
          .isNotEmpty()
          .allSatisfy(
              a -> {
                assertThat(a.anomaly().signal()).isEqualTo(Signal.NO_DATA);
                assertThat(a.anomaly().service()).isEqualTo("policy-service");
                assertThat(a.anomaly().observed()).isGreaterThan(15);
                assertThat(a.anomaly().baseline()).as("its usual gap").isCloseTo(5, within(0.5));
              });

      metrics.pipeInput(report(report, 0.3, 0), at(report++));
      seconds(driver, 3);
      assertThat(anomalies.isEmpty()).as("reporting again").isTrue();
      anomalies.readValuesToList();

      seconds(driver, 20);
      anomalies.readValuesToList();
      for (int second = 0; second < 600; second += 10) {
        driver.advanceWallClockTime(Duration.ofSeconds(10));
      }
      anomalies.readValuesToList();
      seconds(driver, 5);
      assertThat(anomalies.isEmpty()).as("silent for over ten minutes: forgotten").isTrue();
    }
  }

  @Test
  void whenNoServiceAtAllIsHeardItIsScoutsInputThatStoppedAndNobodyIsCalledSilent() {
    try (var driver =
        new TopologyTestDriver(build(), TestStreams.config("scout-test", state), T0)) {
      var metrics = metrics(driver);
      var anomalies = anomalies(driver);
      int report = bothReportingAMinute(driver, metrics);
      // The broker restarts: nothing from anyone for 40 s.
      seconds(driver, 40);
      assertThat(anomalies.isEmpty()).as("the input stopped, not both services").isTrue();

      // Reports flow again, user-service's first: policy-service has one silence limit to follow.
      metrics.pipeInput(report("user-service", report, 0.3, 0), at(report));
      seconds(driver, 5);
      metrics.pipeInput(report(report, 0.3, 0), at(report));
      metrics.pipeInput(report("user-service", report + 1, 0.3, 0), at(report + 1));
      seconds(driver, 5);
      assertThat(anomalies.isEmpty()).as("heard from within the grace").isTrue();
    }
  }

  @Test
  void aServiceQuietAcrossABrokerRestartIsGivenTimeOnceTheInputFlowsAgain() {
    try (var driver =
        new TopologyTestDriver(build(), TestStreams.config("scout-test", state), T0)) {
      var metrics = metrics(driver);
      var anomalies = anomalies(driver);
      int report = bothReportingAMinute(driver, metrics);
      // policy-service restarts (its last report 5 s ago), and the broker restarts for 11 s.
      seconds(driver, 11);
      metrics.pipeInput(report("user-service", report, 0.3, 0), at(report));
      seconds(driver, 5);
      metrics.pipeInput(report("user-service", report + 1, 0.3, 0), at(report + 1));
      seconds(driver, 2);
      assertThat(anomalies.isEmpty())
          .as("quiet for 23 s, but 18 of them while Scout heard nobody: not yet")
          .isTrue();
      metrics.pipeInput(report(report, 0.3, 0), at(report));
      seconds(driver, 10);
      assertThat(anomalies.isEmpty()).as("heard from within the grace").isTrue();
    }
  }

  /** policy-service and user-service report every 5 s for a minute; the next report's number. */
  private static int bothReportingAMinute(
      TopologyTestDriver driver, TestInputTopic<byte[], byte[]> metrics) {
    int report = 0;
    for (; report < 12; report++) {
      metrics.pipeInput(report(report, 0.3, 0), at(report));
      metrics.pipeInput(report("user-service", report, 0.3, 0), at(report));
      seconds(driver, 5);
    }
    return report;
  }

  private static TestInputTopic<byte[], byte[]> metrics(TopologyTestDriver driver) {
    return driver.createInputTopic(
        Topics.OTLP_METRICS.name(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static TestOutputTopic<String, Event<AnomalyEvent>> anomalies(TopologyTestDriver driver) {
    return driver.createOutputTopic(
        Topics.SCOUT_ANOMALIES.name(),
        Topics.SCOUT_ANOMALIES.keySerde().deserializer(),
        Topics.SCOUT_ANOMALIES.valueSerde().deserializer());
  }

  private static void seconds(TopologyTestDriver driver, int seconds) {
    for (int second = 0; second < seconds; second++) {
      driver.advanceWallClockTime(Duration.ofSeconds(1));
    }
  }

  private static Instant at(int report) {
    return T0.plusSeconds(5L * report);
  }

  @Test
  void aDataFilesystemFullIsSeenOnItsSecondReportHoweverSlowlyItFilled() {
    try (var driver = new TopologyTestDriver(build(), TestStreams.config("scout-test", state))) {
      var metrics = metrics(driver);
      var anomalies = anomalies(driver);
      int report = 0;
      for (double used = 0.40; used < 0.94; used += 0.02, report++) {
        metrics.pipeInput(
            oneGauge("policy-service", "system.filesystem.utilization", report, used), at(report));
      }
      assertThat(anomalies.isEmpty()).as("a disk filling up to 94 %% is not full").isTrue();

      metrics.pipeInput(
          oneGauge("policy-service", "system.filesystem.utilization", report, 1.0), at(report++));
      assertThat(anomalies.isEmpty()).as("one report is not yet a pattern").isTrue();
      metrics.pipeInput(
          oneGauge("policy-service", "system.filesystem.utilization", report, 1.0), at(report++));

      AnomalyDetected disk = (AnomalyDetected) anomalies.readValue().data();
      assertThat(disk.anomaly().signal()).isEqualTo(Signal.DISK_FULL);
      assertThat(disk.anomaly().service()).isEqualTo("policy-service");
      assertThat(disk.anomaly().observed()).isEqualTo(1.0);
      assertThat(disk.anomaly().unit()).isEqualTo("of the data filesystem in use");
    }
  }

  @Test
  void aServiceHeldBackByItsCpuQuotaIsSeenOnceItsThrottlingStays() {
    try (var driver = new TopologyTestDriver(build(), TestStreams.config("scout-test", state))) {
      var metrics = metrics(driver);
      var anomalies = anomalies(driver);
      int report = 0;
      for (; report < 12; report++) {
        metrics.pipeInput(throttled(report, report % 3 == 0 ? 0.02 : 0.0), at(report));
      }
      assertThat(anomalies.isEmpty())
          .as("a few throttled periods now and then are normal")
          .isTrue();

      metrics.pipeInput(throttled(report, 0.9), at(report++));
      assertThat(anomalies.isEmpty()).as("one report is not yet a pattern").isTrue();
      metrics.pipeInput(throttled(report, 0.92), at(report++));

      AnomalyDetected cpu = (AnomalyDetected) anomalies.readValue().data();
      assertThat(cpu.anomaly().signal()).isEqualTo(Signal.CPU_THROTTLED);
      assertThat(cpu.anomaly().service()).isEqualTo("quote-service");
      assertThat(cpu.anomaly().observed()).isEqualTo(0.92);
      assertThat(cpu.anomaly().unit()).isEqualTo("of CPU periods held back by the quota");
    }
  }

  @Test
  void aQuotaThatHoldsBackAFifthOfThePeriodsIsOneEpisodeThroughItsDips() {
    try (var driver = new TopologyTestDriver(build(), TestStreams.config("scout-test", state))) {
      var metrics = metrics(driver);
      var anomalies = anomalies(driver);
      int report = 0;
      for (; report < 12; report++) {
        metrics.pipeInput(throttled(report, 0.0), at(report));
      }
      // A service that fits its quota is held back a period now and then: no incident.
      for (double ratio : new double[] {0.02, 0.0, 0.10, 0.04, 0.0, 0.06, 0.0, 0.08}) {
        metrics.pipeInput(throttled(report, ratio), at(report++));
      }
      assertThat(anomalies.isEmpty()).as("a quota the service fits in").isTrue();

      // policy-service under a 5 % quota, as measured report by report.
      double[] starved = {0.24, 0.28, 0.20, 0.08, 0.16, 0.34, 0.16, 0.26, 0.08, 0.26, 0.14, 0.02};
      List<String> episodes = new ArrayList<>();
      for (double ratio : starved) {
        metrics.pipeInput(throttled(report, ratio), at(report++));
        while (!anomalies.isEmpty()) {
          episodes.add(((AnomalyDetected) anomalies.readValue().data()).anomaly().anomalyId());
        }
      }
      assertThat(episodes).as("reported from its second report on").hasSizeGreaterThan(6);
      assertThat(Set.copyOf(episodes)).as("one episode through its dips").hasSize(1);
    }
  }

  private static byte[] throttled(int report, double ratio) {
    return oneGauge("quote-service", "process.cpu.throttled_ratio", report, ratio);
  }

  private static byte[] oneGauge(String service, String name, int report, double value) {
    long nanos = at(report).toEpochMilli() * 1_000_000;
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(text("service.name", service)))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(gauge(name, value, nanos))))
        .build()
        .toByteArray();
  }

  private static byte[] report(int report, double heapRatio, double pending) {
    return report("policy-service", report, heapRatio, pending);
  }

  private static byte[] report(String service, int report, double heapRatio, double pending) {
    long nanos = at(report).toEpochMilli() * 1_000_000;
    ScopeMetrics.Builder scope =
        ScopeMetrics.newBuilder()
            .addMetrics(gauge("jvm.memory.used", heapRatio * LIMIT, nanos))
            .addMetrics(gauge("jvm.memory.limit", LIMIT, nanos))
            .addMetrics(gauge("db.client.connections.pending_requests", pending, nanos));
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(text("service.name", service)))
                .addScopeMetrics(scope))
        .build()
        .toByteArray();
  }

  private static Metric gauge(String name, double value, long nanos) {
    return Metric.newBuilder()
        .setName(name)
        .setGauge(
            Gauge.newBuilder()
                .addDataPoints(
                    NumberDataPoint.newBuilder().setTimeUnixNano(nanos).setAsDouble(value)))
        .build();
  }
}
