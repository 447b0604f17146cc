package io.srespace.scout.journey;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.BusinessEvent;
import io.srespace.events.Event;
import io.srespace.events.PurchaseRejected;
import io.srespace.events.QuotePurchased;
import io.srespace.events.QuoteRequested;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.scout.detection.AnomalyEvents;
import io.srespace.scout.detection.DetectionProcessor;
import io.srespace.scout.detection.DetectorSettings;
import io.srespace.scout.detection.Detectors;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The business journey: quotes and purchases per window from {@code business-events}, and a
 * detector on conversion loss, so purchases that stop while quotes go on (no error anywhere) are
 * seen. Windows with fewer quotes than the minimum volume judge nothing: low traffic is not an
 * incident.
 */
public final class ConversionTopology {
  private static final Serde<JourneyCounts> COUNTS =
      Serdes.serdeFrom(
          (topic, counts) -> counts == null ? null : counts.toBytes(),
          (topic, bytes) -> bytes == null ? null : JourneyCounts.fromBytes(bytes));

  private ConversionTopology() {}

  static final String STORE = "journey-detectors";

  public static void detect(
      StreamsBuilder builder, Duration window, Duration grace, long minQuotes) {
    Topic<String, Event<BusinessEvent>> journey = Topics.BUSINESS_EVENTS;
    KStream<String, JourneyWindow> windows =
        builder.stream(journey.name(), Consumed.with(journey.keySerde(), journey.valueSerde()))
            .filter((key, event) -> event != null) // a tombstone carries no event
            .map((key, event) -> KeyValue.pair("journey", event))
            .groupByKey(Grouped.with("journey", Serdes.String(), journey.valueSerde()))
            .windowedBy(TimeWindows.ofSizeAndGrace(window, grace))
            .aggregate(
                () -> JourneyCounts.NONE,
                (key, event, counts) ->
                    counts.plus(
                        event.data() instanceof QuoteRequested ? 1 : 0,
                        event.data() instanceof QuotePurchased ? 1 : 0,
                        event.data() instanceof PurchaseRejected ? 1 : 0,
                        event.source()),
                Materialized.<String, JourneyCounts, WindowStore<Bytes, byte[]>>as(
                        "journey-windows")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(COUNTS))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
            .toStream()
            .filter((windowed, counts) -> counts.quotes() >= minQuotes)
            .map(
                (windowed, counts) ->
                    KeyValue.pair(
                        windowed.key(),
                        new JourneyWindow(
                            counts,
                            new TimeWindow(
                                windowed.window().startTime(), windowed.window().endTime()))));
    DetectionProcessor.publish(builder, windows, STORE, ConversionTopology::judge);
  }

  /** A closed window of the journey. */
  record JourneyWindow(JourneyCounts counts, TimeWindow window) {}

  private static List<Event<AnomalyEvent>> judge(
      String key, JourneyWindow journey, Detectors detectors) {
    JourneyCounts counts = journey.counts();
    Detectors.Observation seen =
        detectors.observe(
            key + "|" + Signal.CONVERSION.name(),
            DetectorSettings.conversionLoss(),
            1 - counts.conversion(),
            journey.window().end());
    if (!seen.report()) {
      return List.of();
    }
    Anomaly anomaly =
        new Anomaly(
            seen.episode(),
            counts.service(),
            null,
            Signal.CONVERSION,
            counts.conversion(),
            1 - seen.baseline(),
            "purchases per quote (%d of %d)".formatted(counts.purchases(), counts.quotes()),
            journey.window(),
            List.of());
    return List.of(AnomalyEvents.of(anomaly, journey.window().end()));
  }
}
