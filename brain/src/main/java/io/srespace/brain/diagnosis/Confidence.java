package io.srespace.brain.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How sure a diagnosis is, from its evidence only: the margin between the first and second suspect
 * and how many independent sources (Scout's anomalies, the traces, memory) put the same service
 * first (a lone source counts half). Never a constant: no evidence, no confidence.
 */
public record Confidence(double value, double margin, double agreement) {

  public static Confidence of(double first, double second, String top, List<String> sourceTops) {
    double margin = first <= 0 ? 0 : Math.max(0, (first - Math.max(0, second)) / first);
    long voters = sourceTops.stream().filter(Objects::nonNull).count();
    // One source agreeing with itself proves nothing: full agreement takes at least two.
    double agreement =
        sourceTops.stream().filter(top::equals).count() / (double) Math.max(2, voters);
    double value = Math.round((0.5 * margin + 0.5 * agreement) * 100) / 100.0;
    return new Confidence(value, margin, agreement);
  }

  /** A confidence read back from a published diagnosis, whose parts were not published. */
  public static Confidence restored(double value) {
    return new Confidence(value, Double.NaN, Double.NaN);
  }

  /** high (≥ 0.7), medium (≥ 0.4) or low. */
  public String level() {
    return value >= 0.7 ? "high" : value >= 0.4 ? "medium" : "low";
  }

  @Override
  public String toString() {
    if (Double.isNaN(margin)) {
      return String.format(Locale.ROOT, "%.2f (%s)", value, level());
    }
    return String.format(
        Locale.ROOT, "%.2f (%s: margin %.2f, agreement %.2f)", value, level(), margin, agreement);
  }
}
