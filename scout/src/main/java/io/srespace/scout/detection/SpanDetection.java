package io.srespace.scout.detection;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.scout.spans.SpanWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Runs a detector per service (and per edge) and signal over the closed span windows, and publishes
 * {@code AnomalyDetected} to {@code scout.anomalies} when one fires and for every window it stays
 * anomalous, all under one anomaly id per episode. Windows with too few requests teach and judge
 * nothing.
 */
public final class SpanDetection {
  static final String STORE = "span-detectors";
  static final long MIN_REQUESTS = 10;
  private static final Map<Signal, DetectorSettings> SIGNALS =
      Map.of(
          Signal.ERROR_RATE,
          DetectorSettings.errorRate(),
          Signal.LATENCY,
          DetectorSettings.latency());

  private SpanDetection() {}

  /** Adds detection over {@code windows} to {@code builder}, writing to {@code scout.anomalies}. */
  public static void detect(StreamsBuilder builder, KStream<String, SpanWindow> windows) {
    DetectionProcessor.publish(builder, windows, STORE, SpanDetection::judge);
  }

  private static List<Event<AnomalyEvent>> judge(
      String key, SpanWindow window, Detectors detectors) {
    List<Event<AnomalyEvent>> found = new ArrayList<>();
    if (window.requests() < MIN_REQUESTS) {
      return found;
    }
    for (Map.Entry<Signal, DetectorSettings> signal : SIGNALS.entrySet()) {
      double value = signal.getKey() == Signal.ERROR_RATE ? window.errorRate() : window.p95();
      Detectors.Observation seen =
          detectors.observe(
              key + "|" + signal.getKey().name(), signal.getValue(), value, window.end());
      if (seen.report()) {
        found.add(anomaly(window, signal.getKey(), value, seen.baseline(), seen.episode()));
      }
    }
    return found;
  }

  static Event<AnomalyEvent> anomaly(
      SpanWindow window, Signal signal, double observed, double baseline, String anomalyId) {
    List<String> traces =
        Stream.of(
                signal == Signal.ERROR_RATE ? window.sampleErrorTrace() : window.sampleSlowTrace())
            .filter(trace -> trace != null)
            .toList();
    Anomaly anomaly =
        new Anomaly(
            anomalyId,
            window.service(),
            window.peer(),
            signal,
            observed,
            baseline,
            signal == Signal.ERROR_RATE ? "ratio" : "ms (p95)",
            new TimeWindow(window.start(), window.end()),
            traces);
    return AnomalyEvents.of(anomaly, window.end());
  }
}
