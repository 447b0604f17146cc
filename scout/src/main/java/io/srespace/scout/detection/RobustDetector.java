package io.srespace.scout.detection;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Learns what normal looks like for one signal of one service (median and median absolute deviation
 * of its recent normal windows) and says when the signal leaves it and when it comes back, with
 * hysteresis so a flapping signal does not open and close incidents (a window far past the
 * threshold fires at once where the settings allow it). Anomalous windows are kept out of the
 * baseline, so a long anomaly does not become the new normal.
 */
public final class RobustDetector {
  private static final double MAD_TO_SIGMA = 1.4826;

  /** What a window changed. */
  public enum Transition {
    NONE,
    FIRED,
    CLEARED
  }

  private final DetectorSettings settings;
  private final double[] history;
  private int size;
  private int next;
  private int anomalousRun;
  private int normalRun;
  private boolean firing;

  public RobustDetector(DetectorSettings settings) {
    this(settings, new double[settings.history()], 0, 0, 0, 0, false);
  }

  private RobustDetector(
      DetectorSettings settings,
      double[] history,
      int size,
      int next,
      int anomalousRun,
      int normalRun,
      boolean firing) {
    this.settings = settings;
    this.history = history;
    this.size = size;
    this.next = next;
    this.anomalousRun = anomalousRun;
    this.normalRun = normalRun;
    this.firing = firing;
  }

  public Transition observe(double value) {
    if (size < settings.warmup()) {
      learn(value);
      return Transition.NONE;
    }
    if (isAnomalous(value)) {
      anomalousRun++;
      normalRun = 0;
      if (!firing && (anomalousRun >= settings.enterAfter() || farPast(value))) {
        firing = true;
        return Transition.FIRED;
      }
      return Transition.NONE;
    }
    normalRun++;
    anomalousRun = 0;
    if (firing) {
      if (normalRun >= settings.exitAfter()) {
        firing = false;
        return Transition.CLEARED;
      }
      return Transition.NONE;
    }
    learn(value);
    return Transition.NONE;
  }

  /**
   * What one value did: the baseline it was judged against, the transition, and whether to report
   * it (the detector is firing and this value is anomalous).
   */
  public record Verdict(double baseline, Transition transition, boolean report) {}

  /** Observes {@code value} and says what it did ({@link #observe}, judged as a report). */
  public Verdict judge(double value) {
    double baseline = baseline();
    boolean anomalous = warmedUp() && isAnomalous(value);
    Transition transition = observe(value);
    return new Verdict(baseline, transition, firing && anomalous);
  }

  public boolean firing() {
    return firing;
  }

  public boolean warmedUp() {
    return size >= settings.warmup();
  }

  /** The median of the recent normal windows. */
  public double baseline() {
    return median(Arrays.copyOf(history, size));
  }

  /** The value above which a window counts as anomalous. */
  public double threshold() {
    double median = baseline();
    double[] deviations = new double[size];
    for (int i = 0; i < size; i++) {
      deviations[i] = Math.abs(history[i] - median);
    }
    double spread =
        Math.max(
            settings.sensitivity() * MAD_TO_SIGMA * median(deviations),
            Math.max(settings.relativeFloor() * median, settings.absoluteFloor()));
    return Math.min(median + spread, settings.sloThreshold());
  }

  private boolean isAnomalous(double value) {
    return value > threshold();
  }

  /** Whether {@code value} is so far past the threshold that one window is enough to fire. */
  private boolean farPast(double value) {
    double baseline = baseline();
    double margin = threshold() - baseline;
    return settings.fireAtOnce() > 0
        && margin > 0
        && value - baseline >= settings.fireAtOnce() * margin;
  }

  private void learn(double value) {
    history[next] = value;
    next = (next + 1) % history.length;
    size = Math.min(size + 1, history.length);
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The detector's state, for a state store. */
  public byte[] toBytes() {
    ByteBuffer buffer = ByteBuffer.allocate(5 * Integer.BYTES + 1 + history.length * Double.BYTES);
    buffer.putInt(history.length).putInt(size).putInt(next).putInt(anomalousRun).putInt(normalRun);
    buffer.put((byte) (firing ? 1 : 0));
    for (double value : history) {
      buffer.putDouble(value);
    }
    return buffer.array();
  }

  public static RobustDetector fromBytes(DetectorSettings settings, byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    double[] history = new double[buffer.getInt()];
    int size = buffer.getInt();
    int next = buffer.getInt();
    int anomalousRun = buffer.getInt();
    int normalRun = buffer.getInt();
    boolean firing = buffer.get() == 1;
    for (int i = 0; i < history.length; i++) {
      history[i] = buffer.getDouble();
    }
    if (history.length != settings.history()) {
      return new RobustDetector(settings);
    }
    return new RobustDetector(settings, history, size, next, anomalousRun, normalRun, firing);
  }
}
