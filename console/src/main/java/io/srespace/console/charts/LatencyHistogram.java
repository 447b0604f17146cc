package io.srespace.console.charts;

import java.util.Arrays;

/**
 * Request durations in buckets that grow by a tenth each, from 0.1 ms to about ten minutes: small
 * and fixed in size, with any quantile read to within a tenth of its value.
 */
final class LatencyHistogram {
  private static final double SMALLEST_MS = 0.1;
  private static final double GROWTH = 1.1;
  static final int BUCKETS = 170;

  private final int[] counts = new int[BUCKETS];
  private long total;

  void add(double millis) {
    counts[bucket(millis)]++;
    total++;
  }

  void clear() {
    Arrays.fill(counts, 0);
    total = 0;
  }

  long total() {
    return total;
  }

  /** The duration below which {@code quantile} of the requests fell (the bucket's upper bound). */
  double quantile(double quantile) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(quantile * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return upper(i);
      }
    }
    return upper(BUCKETS - 1);
  }

  static int bucket(double millis) {
    if (!(millis > SMALLEST_MS)) {
      return 0;
    }
    int bucket = (int) Math.ceil(Math.log(millis / SMALLEST_MS) / Math.log(GROWTH));
    return Math.min(bucket, BUCKETS - 1);
  }

  static double upper(int bucket) {
    return SMALLEST_MS * Math.pow(GROWTH, bucket);
  }
}
