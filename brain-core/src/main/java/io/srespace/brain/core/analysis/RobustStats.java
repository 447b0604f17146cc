package io.srespace.brain.core.analysis;

import java.util.Arrays;

/** Median, MAD and quantiles, and a z-score that stays finite on flat (zero-MAD) baselines. */
final class RobustStats {

  private RobustStats() {}

  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  static double median(double[] sorted) {
    return quantile(sorted, 0.5);
  }

  static double mad(double[] sorted, double median) {
    double[] deviations = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      deviations[i] = Math.abs(sorted[i] - median);
    }
    Arrays.sort(deviations);
    return quantile(deviations, 0.5);
  }

  /**
   * How far {@code value} is above a baseline, in robust standard deviations. The scale is never
   * below {@code relativeFloor} of the baseline median nor {@code absoluteFloor}, so a flat
   * baseline does not turn noise into an infinite anomaly.
   */
  static double zAbove(
      double value, double[] baselineSorted, double relativeFloor, double absoluteFloor) {
    double median = median(baselineSorted);
    double scale =
        Math.max(
            1.4826 * mad(baselineSorted, median),
            Math.max(relativeFloor * Math.abs(median), absoluteFloor));
    return (value - median) / scale;
  }
}
