package io.srespace.events.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.Event;
import io.srespace.events.GoldenEvents;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.SymptomsCleared;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

class StreamsSerdeTest {
  /** A topology reading and writing registry topics with nothing but the registry's serdes. */
  static Topology openedIncidentsOnly(String output) {
    var incidents = Topics.SCOUT_INCIDENTS;
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(incidents.name(), Consumed.with(incidents.keySerde(), incidents.valueSerde()))
        .filter((incidentId, event) -> event.data() instanceof IncidentOpened)
        .to(output, Produced.with(incidents.keySerde(), incidents.valueSerde()));
    return builder.build();
  }

  @Test
  void registrySerdesWorkInAKafkaStreamsTopology() {
    var incidents = Topics.SCOUT_INCIDENTS;
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "serde-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (var driver = new TopologyTestDriver(openedIncidentsOnly("opened"), config)) {
      var in =
          driver.createInputTopic(
              incidents.name(),
              incidents.keySerde().serializer(),
              incidents.valueSerde().serializer());
      var out =
          driver.createOutputTopic(
              "opened", incidents.keySerde().deserializer(), incidents.valueSerde().deserializer());
      Event<IncidentEvent> opened = GoldenEvents.event(IncidentOpened.class, IncidentEvent.class);
      Event<IncidentEvent> cleared = GoldenEvents.event(SymptomsCleared.class, IncidentEvent.class);

      in.pipeInput(opened.incidentId(), opened);
      in.pipeInput(cleared.incidentId(), cleared);

      assertThat(out.readValuesToList()).containsExactly(opened);
    }
  }
}
