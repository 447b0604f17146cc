package io.srespace.scout.saturation;

import com.google.protobuf.InvalidProtocolBufferException;
import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.scout.detection.DetectionProcessor;
import io.srespace.scout.detection.DetectorSettings;
import io.srespace.scout.detection.Detectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Saturation from {@code otlp_metrics}: a heap that will be exhausted within the horizon (from the
 * trend of its floor) and requests piling up for pooled connections. Reports that are not OTLP go
 * to the dead-letter topic.
 */
public final class SaturationTopology {
  static final String STORE = "saturation-detectors";
  private static final Duration REPORT_SPAN = Duration.ofSeconds(5);

  private SaturationTopology() {}

  public static void detect(StreamsBuilder builder, Duration horizon) {
    Topic<byte[], byte[]> metrics = Topics.OTLP_METRICS;
    Topic<String, Event<AnomalyEvent>> anomalies = Topics.SCOUT_ANOMALIES;
    builder.addStateStore(DetectionProcessor.store(STORE));
    Map<String, KStream<byte[], Decoded>> decoded =
        builder.stream(metrics.name(), Consumed.with(metrics.keySerde(), metrics.valueSerde()))
            .mapValues(Decoded::of)
            .split(Named.as("metrics-"))
            .branch((key, record) -> record.reports() == null, Branched.as("malformed"))
            .defaultBranch(Branched.as("ok"));
    Topic<byte[], byte[]> deadLetters = metrics.deadLetters();
    decoded
        .get("metrics-malformed")
        .mapValues(Decoded::raw)
        .to(deadLetters.name(), Produced.with(deadLetters.keySerde(), deadLetters.valueSerde()));
    decoded
        .get("metrics-ok")
        .flatMap(
            (key, record) ->
                record.reports().stream().map(r -> KeyValue.pair(r.service(), r)).toList())
        .processValues(
            () ->
                new DetectionProcessor<ResourceReport>(
                    STORE,
                    (service, report, detectors) -> judge(service, report, detectors, horizon)),
            STORE)
        .flatMapValues(events -> events)
        .to(anomalies.name(), Produced.with(Serdes.String(), anomalies.valueSerde()));
  }

  static List<Event<AnomalyEvent>> judge(
      String service, ResourceReport report, Detectors detectors, Duration horizon) {
    List<Event<AnomalyEvent>> found = new ArrayList<>();
    if (!Double.isNaN(report.heapRatio())) {
      String trendKey = service + "|HEAP_TREND";
      byte[] state = detectors.load(trendKey);
      HeapTrend trend = state == null ? new HeapTrend() : HeapTrend.fromBytes(state);
      trend.add(report.at(), report.heapRatio());
      detectors.save(trendKey, trend.toBytes());
      double seconds = trend.secondsToExhaustion().orElse(Double.POSITIVE_INFINITY);
      double pressure = Double.isInfinite(seconds) ? 0 : horizon.toSeconds() / Math.max(seconds, 1);
      Detectors.Observation seen =
          detectors.observe(
              service + "|" + Signal.HEAP.name(),
              DetectorSettings.heapExhaustion(),
              pressure,
              report.at());
      if (seen.report()) {
        found.add(
            anomaly(
                service,
                report,
                Signal.HEAP,
                report.heapRatio(),
                trend.lowest(),
                seen.episode(),
                "of the heap limit, full in about %d s".formatted(Math.round(seconds))));
      }
    }
    if (!Double.isNaN(report.poolPending())) {
      Detectors.Observation seen =
          detectors.observe(
              service + "|" + Signal.DB_POOL.name(),
              DetectorSettings.poolPending(),
              report.poolPending(),
              report.at());
      if (seen.report()) {
        found.add(
            anomaly(
                service,
                report,
                Signal.DB_POOL,
                report.poolPending(),
                seen.baseline(),
                seen.episode(),
                "requests waiting for a connection"));
      }
    }
    return found;
  }

  private static Event<AnomalyEvent> anomaly(
      String service,
      ResourceReport report,
      Signal signal,
      double observed,
      double baseline,
      String episode,
      String unit) {
    Instant end = report.at();
    Anomaly anomaly =
        new Anomaly(
            episode,
            service,
            null,
            signal,
            observed,
            baseline,
            unit,
            new TimeWindow(end.minus(REPORT_SPAN), end),
            List.of());
    return Event.of("scout", null, end, new AnomalyDetected(anomaly));
  }

  /** One record's reports, or (when it is not OTLP) its bytes for the dead-letter topic. */
  record Decoded(List<ResourceReport> reports, byte[] raw) {
    static Decoded of(byte[] value) {
      try {
        return new Decoded(ResourceReport.decode(value), null);
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        return new Decoded(null, value);
      }
    }
  }
}
