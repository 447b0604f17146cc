package io.srespace.brain.diagnosis;

import io.srespace.events.Anomaly;
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
}
