package io.srespace.scout.saturation;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.events.topics.Topics;
import io.srespace.scout.detection.AnomalyEvents;
import io.srespace.scout.detection.DetectionProcessor;
import io.srespace.scout.detection.DetectorSettings;
import io.srespace.scout.detection.Detectors;
import io.srespace.scout.health.SilenceWatch;
import io.srespace.scout.otlp.OtlpSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Saturation from {@code otlp_metrics}: a heap that will be exhausted within the horizon (from the
 * trend of its floor), requests piling up for pooled connections, and services whose reports stop.
 * Reports that are not OTLP go to the dead-letter topic.
 */
public final class SaturationTopology {
  static final String STORE = "saturation-detectors";
  private static final Duration REPORT_SPAN = Duration.ofSeconds(5);

  private SaturationTopology() {}

  /**
   * Judges every service's resource reports, and watches them for silence: a service whose reports
   * stop for longer than {@code silence} is reported as no data.
   */
  public static void detect(StreamsBuilder builder, Duration horizon, Duration silence) {
    KStream<String, ResourceReport> perService =
        OtlpSource.decoded(builder, Topics.OTLP_METRICS, ResourceReport::decode)
            .flatMap(
                (key, reports) -> reports.stream().map(r -> KeyValue.pair(r.service(), r)).toList())
            .repartition(
                Repartitioned.with(Serdes.String(), ResourceReport.SERDE)
                    .withName("resource-reports"));
    DetectionProcessor.publish(
        builder,
        perService,
        STORE,
        (service, report, detectors) -> judge(service, report, detectors, horizon));
    SilenceWatch.watch(builder, perService, silence, Duration.ofSeconds(1));
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
    level(
        service,
        report,
        detectors,
        Signal.DB_POOL,
        DetectorSettings.poolPending(),
        report.poolPending(),
        "requests waiting for a connection",
        found);
    level(
        service,
        report,
        detectors,
        Signal.CPU_THROTTLED,
        DetectorSettings.cpuThrottled(),
        report.cpuThrottled(),
        "of CPU periods held back by the quota",
        found);
    level(
        service,
        report,
        detectors,
        Signal.DISK_FULL,
        DetectorSettings.diskFull(),
        report.diskUsed(),
        "of the data filesystem in use",
        found);
    return found;
  }

  /**
   * A level judged like any other signal against its baseline; absent (NaN) from the report, not.
   */
  private static void level(
      String service,
      ResourceReport report,
      Detectors detectors,
      Signal signal,
      DetectorSettings settings,
      double value,
      String unit,
      List<Event<AnomalyEvent>> found) {
    if (Double.isNaN(value)) {
      return;
    }
    Detectors.Observation seen =
        detectors.observe(service + "|" + signal.name(), settings, value, report.at());
    if (seen.report()) {
      found.add(anomaly(service, report, signal, value, seen.baseline(), seen.episode(), unit));
    }
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
    return AnomalyEvents.of(anomaly, end);
  }
}
