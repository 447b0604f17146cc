package io.srespace.demo.traffic;

/** Millisecond latencies in one-millisecond buckets up to ten seconds (slower ones in the last). */
final class LatencyHistogram {
  private static final int MAX_MILLIS = 10_000;
  private final long[] buckets = new long[MAX_MILLIS + 1];
  private long count;

  synchronized void record(long millis) {
    buckets[(int) Math.min(Math.max(millis, 0), MAX_MILLIS)]++;
    count++;
  }

  synchronized long count() {
    return count;
  }

  /** The latency at or below which {@code quantile} of the samples fall; 0 with no samples. */
  synchronized long percentile(double quantile) {
    long rank = (long) Math.ceil(quantile * count);
    long seen = 0;
    for (int millis = 0; millis < buckets.length; millis++) {
      seen += buckets[millis];
      if (seen >= rank && seen > 0) {
        return millis;
      }
    }
    return 0;
  }

  synchronized void addTo(LatencyHistogram total) {
    synchronized (total) {
      for (int i = 0; i < buckets.length; i++) {
        total.buckets[i] += buckets[i];
      }
      total.count += count;
    }
  }
}
