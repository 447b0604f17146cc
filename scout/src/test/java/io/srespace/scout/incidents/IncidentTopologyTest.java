package io.srespace.scout.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.events.topics.Topics;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.scout.TestStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path state;

  static Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    IncidentCorrelator correlator =
        new IncidentCorrelator(
            KnowledgeGraph.load(Path.of("..", "infra", "topology.yaml")),
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            Duration.ofMillis(250));
    IncidentTopology.correlate(
        builder, correlator, Duration.ofMillis(100), (id, opened) -> Optional.of(42));
    return builder.build();
  }

  @Test
  void relatedAnomaliesOpenOneIncidentWhichClearsWhenQuiet() {
    try (var driver =
        new TopologyTestDriver(build(), TestStreams.config("scout-test", state), T0)) {
      var anomalies =
          driver.createInputTopic(
              Topics.SCOUT_ANOMALIES.name(),
              Topics.SCOUT_ANOMALIES.keySerde().serializer(),
              Topics.SCOUT_ANOMALIES.valueSerde().serializer());
      var incidents =
          driver.createOutputTopic(
              Topics.SCOUT_INCIDENTS.name(),
              Topics.SCOUT_INCIDENTS.keySerde().deserializer(),
              Topics.SCOUT_INCIDENTS.valueSerde().deserializer());

      anomalies.pipeInput("user-service", detected("a1", "user-service", null, T0));
      anomalies.pipeInput("quote-service", detected("a2", "quote-service", "127.0.0.1:8082", T0));
      driver.advanceWallClockTime(Duration.ofSeconds(10));
      anomalies.pipeInput("quote-service", detected("a3", "quote-service", null, T0));
      anomalies.pipeInput("user-service", detected("a1", "user-service", null, T0));
      driver.advanceWallClockTime(Duration.ofSeconds(45));

      List<Event<IncidentEvent>> events = incidents.readValuesToList();
      assertThat(events)
          .extracting(Event::type)
          .containsExactly("IncidentOpened", "IncidentUpdated", "SymptomsCleared");
      assertThat(events).extracting(Event::incidentId).containsOnly(events.get(0).incidentId());
      assertThat(events).extracting(Event::issue).containsOnly(42);
      assertThat(((IncidentOpened) events.get(0).data()).anomalies()).hasSize(2);
      assertThat(events.get(0).source()).isEqualTo("scout");
    }
  }

  private static Event<AnomalyEvent> detected(String id, String service, String peer, Instant end) {
    Anomaly anomaly =
        new Anomaly(
            id,
            service,
            peer,
            Signal.ERROR_RATE,
            0.9,
            0,
            "ratio",
            new TimeWindow(end.minusSeconds(10), end),
            List.of());
    return Event.of("scout", null, null, end, new AnomalyDetected(anomaly));
  }
}
