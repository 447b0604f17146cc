package io.srespace.scout.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topics;
import io.srespace.scout.TestStreams;
import io.srespace.scout.spans.SpanWindow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanDetectionTest {
  private static final String WINDOWS = "test-span-windows";
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final Serde<SpanWindow> WINDOW_SERDE =
      Serdes.serdeFrom(
          (topic, window) -> json(window),
          (topic, bytes) -> {
            try {
              return EventJson.mapper().readValue(bytes, SpanWindow.class);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });

  @TempDir Path state;

  static Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    SpanDetection.detect(
        builder, builder.stream(WINDOWS, Consumed.with(Serdes.String(), WINDOW_SERDE)));
    return builder.build();
  }

  @Test
  void aServiceWhoseErrorsJumpIsReportedOncePerWindowUnderOneAnomalyId() {
    try (var driver = new TopologyTestDriver(build(), TestStreams.config("scout-test", state))) {
      var windows = windows(driver);
      var anomalies = anomalies(driver);

      for (int i = 0; i < 20; i++) {
        windows.pipeInput("service|user-service", window(i, 250, i % 7 == 0 ? 1 : 0, 6));
      }
      windows.pipeInput("service|user-service", window(20, 3, 3, 6));
      assertThat(anomalies.isEmpty()).as("quiet, and too few requests to judge").isTrue();

      windows.pipeInput("service|user-service", window(21, 250, 120, 7));
      windows.pipeInput("service|user-service", window(22, 250, 130, 7));
      windows.pipeInput("service|user-service", window(23, 250, 125, 7));

      List<TestRecord<String, Event<AnomalyEvent>>> found = anomalies.readRecordsToList();
      assertThat(found).as("half the requests failing: reported from its first window").hasSize(3);
      assertThat(found).allSatisfy(record -> assertThat(record.key()).isEqualTo("user-service"));
      AnomalyDetected first = (AnomalyDetected) found.get(0).value().data();
      AnomalyDetected second = (AnomalyDetected) found.get(2).value().data();
      assertThat(first.anomaly().signal()).isEqualTo(Signal.ERROR_RATE);
      assertThat(first.anomaly().observed()).isCloseTo(0.48, offset(0.001));
      assertThat(first.anomaly().baseline()).isZero();
      assertThat(first.anomaly().sampleTraceIds()).containsExactly("e".repeat(32));
      assertThat(second.anomaly().anomalyId()).isEqualTo(first.anomaly().anomalyId());
    }
  }

  @Test
  void slowerUnderFourTimesTheRequestsWithinTheServiceLevelIsNoFindingAndBeyondItCarriesTheLoad() {
    try (var driver = new TopologyTestDriver(build(), TestStreams.config("scout-test", state))) {
      var windows = windows(driver);
      var anomalies = anomalies(driver);
      for (int i = 0; i < 20; i++) {
        windows.pipeInput("service|user-service", window(i, 100 + i % 5, 0, 6 + i % 3));
      }

      for (int i = 20; i < 26; i++) {
        windows.pipeInput("service|user-service", window(i, 400, 0, 300));
      }
      assertThat(anomalies.isEmpty()).as("the load's doing, within the service level").isTrue();

      for (int i = 26; i < 29; i++) {
        windows.pipeInput("service|user-service", window(i, 400, 0, 900));
      }
      List<Anomaly> found =
          anomalies.readValuesToList().stream()
              .map(e -> ((AnomalyDetected) e.data()).anomaly())
              .toList();
      assertThat(found)
          .extracting(Anomaly::signal)
          .as("900 ms is far past the threshold: reported from its first window")
          .containsExactly(
              Signal.LATENCY,
              Signal.TRAFFIC,
              Signal.LATENCY,
              Signal.TRAFFIC,
              Signal.LATENCY,
              Signal.TRAFFIC);
      Anomaly load = found.get(1);
      assertThat(load.observed()).isEqualTo(40.0);
      assertThat(load.baseline()).isEqualTo(10.2);
      assertThat(load.unit()).isEqualTo("requests/s");
    }
  }

  @Test
  void latencyAboveNormalWithoutMoreRequestsIsReportedAlone() {
    try (var driver = new TopologyTestDriver(build(), TestStreams.config("scout-test", state))) {
      var windows = windows(driver);
      var anomalies = anomalies(driver);
      for (int i = 0; i < 20; i++) {
        windows.pipeInput("service|user-service", window(i, 100, 0, 6));
      }
      for (int i = 20; i < 23; i++) {
        windows.pipeInput("service|user-service", window(i, 110, 0, 300));
      }
      assertThat(anomalies.readValuesToList())
          .extracting(e -> ((AnomalyDetected) e.data()).anomaly().signal())
          .containsExactly(Signal.LATENCY, Signal.LATENCY);
    }
  }

  private static TestInputTopic<String, SpanWindow> windows(TopologyTestDriver driver) {
    return driver.createInputTopic(
        WINDOWS, Serdes.String().serializer(), WINDOW_SERDE.serializer());
  }

  private static TestOutputTopic<String, Event<AnomalyEvent>> anomalies(TopologyTestDriver driver) {
    return driver.createOutputTopic(
        Topics.SCOUT_ANOMALIES.name(),
        Topics.SCOUT_ANOMALIES.keySerde().deserializer(),
        Topics.SCOUT_ANOMALIES.valueSerde().deserializer());
  }

  private static SpanWindow window(int index, long requests, long errors, double p95) {
    Instant start = T0.plusSeconds(10L * index);
    return new SpanWindow(
        "user-service",
        null,
        start,
        start.plusSeconds(10),
        requests,
        errors,
        p95 / 2,
        p95,
        p95 * 1.5,
        errors > 0 ? "e".repeat(32) : null,
        "s".repeat(32));
  }

  private static byte[] json(SpanWindow window) {
    try {
      return EventJson.mapper().writeValueAsBytes(window);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
