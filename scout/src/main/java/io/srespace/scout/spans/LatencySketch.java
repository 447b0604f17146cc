package io.srespace.scout.spans;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A mergeable latency sketch: counts in logarithmic buckets, so any quantile is known to within 2 %
 * of its value, sketches of the same key merge by adding counts, and the size stays fixed (about
 * 470 buckets from 1 µs to 100 s) however many spans it has seen.
 */
public final class LatencySketch {
  private static final double RELATIVE_ACCURACY = 0.02;
  private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LOG_GAMMA = Math.log(GAMMA);
  private static final long MAX_MICROS = 100_000_000L;
  private static final int BUCKETS = index(MAX_MICROS) + 1;

  private final long[] counts;
  private long count;

  public LatencySketch() {
    this(new long[BUCKETS], 0);
  }

  private LatencySketch(long[] counts, long count) {
    this.counts = counts;
    this.count = count;
  }

  public void add(long micros) {
    counts[index(Math.min(Math.max(micros, 1), MAX_MICROS))]++;
    count++;
  }

  public LatencySketch merge(LatencySketch other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
    return this;
  }

  public long count() {
    return count;
  }

  /** The latency in microseconds below which {@code quantile} of the values fall; 0 when empty. */
  public double quantile(double quantile) {
    if (count == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(quantile * count);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= Math.max(rank, 1)) {
        return 2 * Math.pow(GAMMA, i) / (GAMMA + 1);
      }
    }
    return MAX_MICROS;
  }

  /** Sparse encoding: the count, then (bucket, count) pairs of the non-empty buckets. */
  public byte[] toBytes() {
    int used = 0;
    for (long c : counts) {
      used += c > 0 ? 1 : 0;
    }
    ByteBuffer buffer =
        ByteBuffer.allocate(Long.BYTES + Integer.BYTES + used * (Short.BYTES + Long.BYTES));
    buffer.putLong(count).putInt(used);
    for (int i = 0; i < BUCKETS; i++) {
      if (counts[i] > 0) {
        buffer.putShort((short) i).putLong(counts[i]);
      }
    }
    return buffer.array();
  }

  public static LatencySketch fromBytes(ByteBuffer buffer) {
    long count = buffer.getLong();
    int used = buffer.getInt();
    long[] counts = new long[BUCKETS];
    for (int i = 0; i < used; i++) {
      counts[buffer.getShort()] = buffer.getLong();
    }
    return new LatencySketch(counts, count);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LatencySketch sketch
        && sketch.count == count
        && Arrays.equals(sketch.counts, counts);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Arrays.hashCode(counts);
  }

  private static int index(long micros) {
    return (int) Math.ceil(Math.log(micros) / LOG_GAMMA);
  }
}
