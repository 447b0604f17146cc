package io.srespace.brain.core.model;

import java.util.Objects;

/** The points of one metric of one service (pod), in time order; NaN values are missing points. */
public record MetricSeries(String service, String name, long[] timesNanos, double[] values) {

  public MetricSeries {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(name, "name");
    if (timesNanos.length != values.length) {
      throw new IllegalArgumentException(
          "metric %s of %s has %d times but %d values"
              .formatted(name, service, timesNanos.length, values.length));
    }
  }

  public int size() {
    return values.length;
  }
}
