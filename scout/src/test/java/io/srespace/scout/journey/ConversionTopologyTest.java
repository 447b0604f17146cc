package io.srespace.scout.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.srespace.events.AnomalyDetected;
import io.srespace.events.BusinessEvent;
import io.srespace.events.Event;
import io.srespace.events.PurchaseRejected;
import io.srespace.events.QuotePurchased;
import io.srespace.events.QuoteRequested;
import io.srespace.events.Signal;
import io.srespace.events.topics.Topics;
import io.srespace.scout.TestStreams;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversionTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private final SplittableRandom random = new SplittableRandom(3);

  @TempDir Path state;

  static Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    ConversionTopology.detect(builder, Duration.ofSeconds(10), Duration.ofSeconds(1), 30);
    return builder.build();
  }

  @Test
  void purchasesThatStopWhileQuotesGoOnAreAConversionAnomaly() {
    try (var driver = new TopologyTestDriver(build(), TestStreams.config("scout-test", state))) {
      var journey =
          driver.createInputTopic(
              Topics.BUSINESS_EVENTS.name(),
              Topics.BUSINESS_EVENTS.keySerde().serializer(),
              Topics.BUSINESS_EVENTS.valueSerde().serializer());
      var anomalies =
          driver.createOutputTopic(
              Topics.SCOUT_ANOMALIES.name(),
              Topics.SCOUT_ANOMALIES.keySerde().deserializer(),
              Topics.SCOUT_ANOMALIES.valueSerde().deserializer());

      for (int window = 0; window < 12; window++) {
        send(journey, window, 60, 0.3);
      }
      send(journey, 12, 4, 0.0);
      assertThat(anomalies.isEmpty()).as("normal noise, then too little traffic to judge").isTrue();

      send(journey, 13, 60, 0.0);
      send(journey, 14, 60, 0.0);
      send(journey, 15, 60, 0.0);
      send(journey, 16, 1, 0.3);
      send(journey, 17, 1, 0.3);

      var found = anomalies.readRecordsToList();
      assertThat(found).hasSize(2);
      AnomalyDetected first = (AnomalyDetected) found.get(0).value().data();
      assertThat(found.get(0).key()).isEqualTo("quote-service");
      assertThat(first.anomaly().signal()).isEqualTo(Signal.CONVERSION);
      assertThat(first.anomaly().observed()).isZero();
      assertThat(first.anomaly().baseline()).isCloseTo(0.3, offset(0.08));
      assertThat(first.anomaly().unit()).isEqualTo("purchases per quote (0 of 60)");
      assertThat(first.anomaly().window().start()).isEqualTo(T0.plusSeconds(140));
    }
  }

  /** One window's journeys: {@code quotes} quotes, a share {@code conversion} of them bought. */
  private void send(
      TestInputTopic<String, Event<BusinessEvent>> journey,
      int window,
      int quotes,
      double conversion) {
    Instant start = T0.plusSeconds(10L * window);
    for (int i = 0; i < quotes; i++) {
      Instant at = start.plusMillis(i * 9000L / quotes);
      String quote = "q-" + window + "-" + i;
      journey.pipeInput(
          "quote-service",
          Event.of(
              "quote-service",
              null,
              null,
              at,
              new QuoteRequested(quote, "c-1", "pet", BigDecimal.TEN, "EUR", null)),
          at);
      if (random.nextDouble() < conversion) {
        journey.pipeInput(
            "quote-service",
            Event.of(
                "quote-service",
                null,
                null,
                at.plusMillis(50),
                new QuotePurchased(quote, "pol-1", "c-1", "pet", BigDecimal.TEN, "EUR", null)),
            at.plusMillis(50));
      } else if (conversion == 0) {
        journey.pipeInput(
            "quote-service",
            Event.of(
                "quote-service",
                null,
                null,
                at.plusMillis(50),
                new PurchaseRejected(
                    quote, "c-1", "pet", "risk score above the acceptance limit 0.00", null)),
            at.plusMillis(50));
      }
    }
  }
}
