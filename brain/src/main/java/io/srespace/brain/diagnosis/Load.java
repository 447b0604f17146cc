package io.srespace.brain.diagnosis;

import io.srespace.events.Anomaly;
import io.srespace.events.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scout's word that a service took far more requests than normal while the incident's other
 * anomalies were seen: the load beside the failure, never blame of its own.
 */
record Load(String service, double rate, double normal) {

  /** Each service's load in the anomalies, its own rate before what its callers sent it. */
  static List<Load> of(List<Anomaly> anomalies) {
    Map<String, Anomaly> chosen = new LinkedHashMap<>();
    for (Anomaly anomaly : anomalies) {
      if (anomaly.signal() != Signal.TRAFFIC || !Double.isFinite(anomaly.observed())) {
        continue;
      }
      chosen.merge(
          anomaly.service(),
          anomaly,
          (a, b) ->
              (a.peer() == null) != (b.peer() == null)
                  ? (a.peer() == null ? a : b)
                  : (b.observed() > a.observed() ? b : a));
    }
    List<Load> load = new ArrayList<>();
    chosen.values().forEach(a -> load.add(new Load(a.service(), a.observed(), a.baseline())));
    return load;
  }

  /** How many times the normal rate. */
  double times() {
    return rate / Math.max(normal, 0.01);
  }

  /** "quote-service 162 requests/s against 20 normally (×8.1)". */
  String describe() {
    return String.format(
        Locale.ROOT,
        "%s %.0f requests/s against %.0f normally (×%.1f)",
        service,
        rate,
        normal,
        times());
  }
}
