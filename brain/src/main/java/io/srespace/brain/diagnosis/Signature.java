package io.srespace.brain.diagnosis;

import io.srespace.events.Anomaly;
import io.srespace.events.FaultClass;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * An incident described the way its post-mortem records it, so the same fault a second time reads
 * the same: which signals were abnormal where, without the values that differ from run to run.
 */
public final class Signature {
  private Signature() {}

  public static String of(List<Anomaly> anomalies) {
    TreeSet<String> parts = new TreeSet<>();
    for (Anomaly a : anomalies) {
      String signal = a.signal().name().toLowerCase(Locale.ROOT).replace('_', '-');
      parts.add(
          a.peer() == null
              ? "%s on %s".formatted(signal, a.service())
              : "%s on %s calling %s".formatted(signal, a.service(), a.peer()));
    }
    return String.join("; ", parts);
  }

  /**
   * How Brain asks Memory about a new incident: laid out like the documents Memory keeps of
   * post-mortems (title, symptoms, root cause, service, fault), with what Scout's evidence
   * suggests, so the same fault a second time lands close to the first.
   */
  public static String query(
      String title, List<Anomaly> anomalies, String service, FaultClass faultClass) {
    if (service == null || faultClass == null) {
      return title + "\nSymptoms: " + of(anomalies);
    }
    String rootCause = faultClass.id() + " on " + service;
    return String.join(
        "\n",
        rootCause + ": " + title,
        "Symptoms: " + of(anomalies),
        "Root cause: " + rootCause,
        "Service: " + service,
        "Fault: " + faultClass.id());
  }
}
