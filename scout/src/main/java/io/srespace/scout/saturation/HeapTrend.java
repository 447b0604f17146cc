package io.srespace.scout.saturation;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Predicts when a service's heap will be exhausted. Heap use saw-tooths with garbage collection, so
 * the trend is fitted to its floor (the lowest of each six reports: with reports every 5 s and
 * young collections every few seconds, the saw-tooth seen in the reports has a period of about 30
 * s), over the last two minutes, which only climbs when memory is really retained. A leak is
 * flagged when the floor rises steadily (in both halves of the recent reports: a step up, such as
 * requests piling up behind a slow dependency, rises in one half only) and would reach the limit
 * within the horizon.
 */
public final class HeapTrend {
  static final int SAMPLES = 24;
  private static final int FLOOR_OF = 6;
  private static final int NEARLY_FULL_OVER = 3;
  private static final double FULL = 0.98;
  private static final double MIN_SLOPE_PER_SECOND = 0.001;
  private static final double MIN_FLOOR = 0.5;
  private static final double NEARLY_FULL = 0.9;

  private final double[] seconds;
  private final double[] ratios;
  private int size;

  public HeapTrend() {
    this(new double[SAMPLES], new double[SAMPLES], 0);
  }

  private HeapTrend(double[] seconds, double[] ratios, int size) {
    this.seconds = seconds;
    this.ratios = ratios;
    this.size = size;
  }

  public void add(Instant at, double ratio) {
    if (size == SAMPLES) {
      System.arraycopy(seconds, 1, seconds, 0, SAMPLES - 1);
      System.arraycopy(ratios, 1, ratios, 0, SAMPLES - 1);
      size--;
    }
    seconds[size] = at.toEpochMilli() / 1000.0;
    ratios[size] = ratio;
    size++;
  }

  /**
   * Seconds until the heap is full, when it is filling steadily, or 0 when even its floor is nearly
   * at the limit (collections no longer free anything); empty otherwise.
   */
  public OptionalDouble secondsToExhaustion() {
    int floors = size - FLOOR_OF + 1;
    if (size < SAMPLES) {
      return OptionalDouble.empty();
    }
    if (Arrays.stream(ratios, size - NEARLY_FULL_OVER, size).min().orElseThrow() >= NEARLY_FULL) {
      return OptionalDouble.of(0);
    }
    double[] x = new double[floors];
    double[] y = new double[floors];
    for (int i = 0; i < floors; i++) {
      x[i] = seconds[i + FLOOR_OF - 1];
      y[i] = Arrays.stream(ratios, i, i + FLOOR_OF).min().orElseThrow();
    }
    double slope = slope(x, y);
    double floor = y[floors - 1];
    int half = floors / 2;
    boolean steady =
        slope(Arrays.copyOfRange(x, 0, half), Arrays.copyOfRange(y, 0, half))
                >= MIN_SLOPE_PER_SECOND
            && slope(Arrays.copyOfRange(x, half, floors), Arrays.copyOfRange(y, half, floors))
                >= MIN_SLOPE_PER_SECOND;
    if (!steady || slope < MIN_SLOPE_PER_SECOND || floor < MIN_FLOOR) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.max(0, (FULL - floor) / slope));
  }

  private static double slope(double[] x, double[] y) {
    double meanX = Arrays.stream(x).average().orElse(0);
    double meanY = Arrays.stream(y).average().orElse(0);
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < x.length; i++) {
      covariance += (x[i] - meanX) * (y[i] - meanY);
      variance += (x[i] - meanX) * (x[i] - meanX);
    }
    return variance == 0 ? 0 : covariance / variance;
  }

  /** The lowest heap ratio among the recent reports: what the heap needs when idle. */
  public double lowest() {
    return Arrays.stream(ratios, 0, size).min().orElse(Double.NaN);
  }

  public byte[] toBytes() {
    ByteBuffer buffer =
        ByteBuffer.allocate(Integer.BYTES + 2 * SAMPLES * Double.BYTES).putInt(size);
    for (int i = 0; i < SAMPLES; i++) {
      buffer.putDouble(seconds[i]).putDouble(ratios[i]);
    }
    return buffer.array();
  }

  /** Reads a trend written by {@link #toBytes()}, also one kept with another number of samples. */
  public static HeapTrend fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int stored = buffer.getInt();
    int capacity = (bytes.length - Integer.BYTES) / (2 * Double.BYTES);
    int skip = Math.max(0, stored - SAMPLES);
    double[] seconds = new double[SAMPLES];
    double[] ratios = new double[SAMPLES];
    for (int i = 0; i < capacity; i++) {
      double second = buffer.getDouble();
      double ratio = buffer.getDouble();
      if (i >= skip && i < stored) {
        seconds[i - skip] = second;
        ratios[i - skip] = ratio;
      }
    }
    return new HeapTrend(seconds, ratios, Math.min(stored, SAMPLES));
  }
}
