package io.srespace.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Nearest-rank percentiles of seconds, and how the report writes them. */
public final class Percentiles {
  private Percentiles() {}

  /** The nearest-rank {@code q} quantile of the values present, or null when there are none. */
  public static Double of(List<Double> values, double q) {
    List<Double> sorted = values.stream().filter(Objects::nonNull).sorted().toList();
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** One decimal, or "-" when absent: for the table. */
  public static String seconds(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }
}
