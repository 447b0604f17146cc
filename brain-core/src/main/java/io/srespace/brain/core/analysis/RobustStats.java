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

  /**
   * Mann-Whitney's rank-sum z of the window above a sorted baseline (normal approximation): how
   * sure a shift is given both sample sizes, where {@link #zAbove} says how large it is.
   */
  static double rankSumZ(double[] baselineSorted, java.util.List<Double> window) {
    int nb = baselineSorted.length;
    int nw = window.size();
    double u = 0;
    for (double w : window) {
      int below = lowerBound(baselineSorted, w);
      int notAbove = lowerBound(baselineSorted, Math.nextUp(w));
      u += below + 0.5 * (notAbove - below);
    }
    double mean = nb * (double) nw / 2;
    double sd = Math.sqrt(nb * (double) nw * (nb + nw + 1) / 12.0);
    return (u - mean) / sd;
  }

  /**
   * How surprising the share of window values above the baseline's 99th percentile is, as a normal
   * z ({@link Surprise}): where a few spans carry a large shift, the rank-sum's normal
   * approximation cannot say how sure it is, but every one of them beyond the baseline's tail can.
   */
  static double exceedanceZ(double[] baselineSorted, java.util.List<Double> window) {
    double tail = quantile(baselineSorted, 0.99);
    int above = baselineSorted.length - lowerBound(baselineSorted, Math.nextUp(tail));
    int beyond = 0;
    for (double w : window) {
      if (w > tail) {
        beyond++;
      }
    }
    return Surprise.z(above, baselineSorted.length, beyond, window.size());
  }

  /** The number of values in {@code sorted} below {@code value}. */
  private static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
