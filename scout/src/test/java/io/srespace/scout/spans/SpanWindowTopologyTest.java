package io.srespace.scout.spans;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topics;
import io.srespace.scout.TestStreams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanWindowTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final String OUT = "test-windows";

  static Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    SpanWindowTopology.windows(builder, Duration.ofSeconds(10), Duration.ofSeconds(1))
        .mapValues(window -> toJson(window))
        .to(OUT, Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  @TempDir Path state;

  @Test
  void emitsEachServiceAndEdgeWindowOnceWhenItClosesAndDeadLettersJunk() throws Exception {
    try (var driver = new TopologyTestDriver(build(), TestStreams.config("scout-test", state))) {
      var spans =
          driver.createInputTopic(
              Topics.OTLP_SPANS.name(), new ByteArraySerializer(), new ByteArraySerializer());
      var windows =
          driver.createOutputTopic(OUT, new StringDeserializer(), new StringDeserializer());
      var deadLetters =
          driver.createOutputTopic(
              Topics.OTLP_SPANS.deadLetters().name(),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());

      for (int i = 0; i < 10; i++) {
        spans.pipeInput(
            null,
            OtlpRequests.request()
                .service("quote-service")
                .server("POST /quotes", 10 + i, i < 2 ? 500 : 201)
                .client("POST", 8, "127.0.0.1", 8081, false)
                .bytes(),
            T0.plusMillis(500L * i));
      }
      spans.pipeInput(null, "junk".getBytes(StandardCharsets.UTF_8), T0.plusSeconds(6));
      assertThat(windows.isEmpty()).as("nothing before the window closes").isTrue();

      spans.pipeInput(
          null,
          OtlpRequests.request().service("quote-service").server("POST /quotes", 5, 201).bytes(),
          T0.plusSeconds(12));

      List<String> closed = windows.readValuesToList();
      assertThat(closed).hasSize(2);
      var service =
          EventJson.mapper()
              .readTree(
                  closed.stream()
                      .filter(w -> !w.contains("\"peer\":\"127"))
                      .findFirst()
                      .orElseThrow());
      assertThat(service.get("service").asText()).isEqualTo("quote-service");
      assertThat(service.get("requests").asLong()).isEqualTo(10);
      assertThat(service.get("errors").asLong()).isEqualTo(2);
      assertThat(service.get("p95").asDouble()).isBetween(17.5, 19.5);
      assertThat(service.get("start").asText()).isEqualTo("2026-11-23T12:00:00Z");
      var edge =
          EventJson.mapper()
              .readTree(
                  closed.stream()
                      .filter(w -> w.contains("\"peer\":\"127.0.0.1:8081\""))
                      .findFirst()
                      .orElseThrow());
      assertThat(edge.get("requests").asLong()).isEqualTo(10);
      assertThat(new String(deadLetters.readValue(), StandardCharsets.UTF_8)).isEqualTo("junk");
    }
  }

  private static String toJson(SpanWindow window) {
    try {
      return EventJson.mapper().writeValueAsString(window);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
