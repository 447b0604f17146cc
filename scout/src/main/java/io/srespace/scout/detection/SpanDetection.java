package io.srespace.scout.detection;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.scout.spans.SpanWindow;
import java.time.Duration;
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
 * nothing. Each key's request rate is learned too: while it is far above normal, latency within the
 * service level is the load's and not reported, and what is reported carries the load beside it.
 */
public final class SpanDetection {
  static final String STORE = "span-detectors";
  static final long MIN_REQUESTS = 10;

  /**
   * The service level under load: a p95 at or under it, while requests are far above normal, is the
   * load's doing and no finding; above it the service level is lost and reported (with the load
   * beside it).
   */
  static final double LOAD_LATENCY_SLO_MS = 500;

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
    double rate = window.requests() / seconds(window);
    Detectors.Observation load =
        detectors.observe(
            key + "|" + Signal.TRAFFIC.name(), DetectorSettings.traffic(), rate, window.end());
    for (Map.Entry<Signal, DetectorSettings> signal : SIGNALS.entrySet()) {
      double value = signal.getKey() == Signal.ERROR_RATE ? window.errorRate() : window.p95();
      if (load.report() && signal.getKey() == Signal.LATENCY && value <= LOAD_LATENCY_SLO_MS) {
        // Load is not a fault: slower under far more requests, within the service level, is
        // neither reported nor learned as normal.
        continue;
      }
      Detectors.Observation seen =
          detectors.observe(
              key + "|" + signal.getKey().name(), signal.getValue(), value, window.end());
      if (seen.report()) {
        found.add(anomaly(window, signal.getKey(), value, seen.baseline(), seen.episode()));
      }
    }
    if (load.report() && !found.isEmpty()) {
      // What the load was, beside what it did: Brain tells capacity from a fault by it.
      found.add(
          AnomalyEvents.of(
              new Anomaly(
                  load.episode(),
                  window.service(),
                  window.peer(),
                  Signal.TRAFFIC,
                  rate,
                  load.baseline(),
                  "requests/s",
                  new TimeWindow(window.start(), window.end()),
                  List.of()),
              window.end()));
    }
    return found;
  }

  private static double seconds(SpanWindow window) {
    return Math.max(1, Duration.between(window.start(), window.end()).toMillis()) / 1000.0;
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
