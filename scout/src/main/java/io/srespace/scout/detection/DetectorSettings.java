package io.srespace.scout.detection;

/**
 * How a detector judges one signal. A window is anomalous when its value exceeds the learned
 * baseline by more than {@code sensitivity} robust standard deviations (and by at least the
 * relative and absolute floors, so a flat baseline does not make noise look alarming), or exceeds
 * the SLO threshold. It fires after {@code enterAfter} anomalous windows in a row and clears after
 * {@code exitAfter} normal ones; nothing fires before {@code warmup} normal windows are learned. A
 * window far past the threshold — its excess over the baseline at least {@code fireAtOnce} times
 * the threshold's own margin over the baseline — fires at once (0: never), as a fast burn of an
 * error budget pages before a slow one does.
 */
public record DetectorSettings(
    int history,
    int warmup,
    double sensitivity,
    double relativeFloor,
    double absoluteFloor,
    double sloThreshold,
    int enterAfter,
    int exitAfter,
    double fireAtOnce) {

  public DetectorSettings {
    if (warmup < 3 || warmup > history) {
      throw new IllegalArgumentException("warmup must be between 3 and the history length");
    }
    if (enterAfter < 1 || exitAfter < 1) {
      throw new IllegalArgumentException("enterAfter and exitAfter must be at least 1");
    }
    if (fireAtOnce != 0 && fireAtOnce < 2) {
      throw new IllegalArgumentException("fireAtOnce must be 0 (never) or at least 2");
    }
  }

  /**
   * Error rate (0 to 1): fires at +10 points over baseline, or above a 20 % SLO, two windows in a
   * row; at once from a window with three times that margin (+30 points over a clean baseline).
   */
  public static DetectorSettings errorRate() {
    return new DetectorSettings(30, 6, 4, 0.5, 0.10, 0.20, 2, 3, 3);
  }

  /**
   * p95 latency in milliseconds: fires at twice the baseline and at least +100 ms, or above 2 s,
   * two windows in a row; at once from a window with five times that margin (+500 ms over a fast
   * baseline: a stall of the shared cores makes a few hundred). Judges after 12 windows (a minute
   * of 5 s windows): the platform's own start (the agents warming up on the same cores) slows every
   * call for a few seconds and is no incident.
   */
  public static DetectorSettings latency() {
    return new DetectorSettings(30, 12, 6, 1.0, 100, 2_000, 2, 3, 5);
  }

  /**
   * Requests per second: the load is far above normal at twice the baseline and at least 5 more a
   * second, from the first such window (no SLO: load alone is never a failure).
   */
  public static DetectorSettings traffic() {
    return new DetectorSettings(30, 6, 6, 1.0, 5, Double.MAX_VALUE, 1, 1, 0);
  }

  /**
   * Median round trip of a service's last liveness probes, in milliseconds, judged each probe (a
   * second): fires at twice the baseline and at least +100 ms, or above 2 s, three rounds in a row,
   * after half a minute of rounds; clears after five normal ones.
   */
  public static DetectorSettings probeRoundTrip() {
    return new DetectorSettings(60, 30, 6, 1.0, 100, 2_000, 3, 5, 0);
  }

  /**
   * Conversion loss (1 − purchases/quotes): fires when conversion drops 15 points below normal, or
   * falls under 10 %.
   */
  public static DetectorSettings conversionLoss() {
    return new DetectorSettings(30, 6, 4, 0, 0.15, 0.90, 2, 3, 0);
  }

  /**
   * Requests waiting for a pooled connection: fires above 1 waiting, or above 5, two reports in a
   * row; at once from 3 waiting over an idle baseline (a pool run dry, not a moment's queue).
   */
  public static DetectorSettings poolPending() {
    return new DetectorSettings(30, 6, 4, 0, 1, 5, 2, 3, 3);
  }

  /**
   * Share of CPU periods the service's quota held it back (0 to 1): fires 10 points above normal,
   * or above half, two reports in a row, and clears after six under that (30 s). A service held
   * back a fifth of its periods delays its callers' requests by tens to hundreds of milliseconds
   * (policy-service under a 5 % quota: 8–34 % of the periods of each report, its callers' p95 from
   * 2 to 153 ms), and such throttling comes and goes from report to report while the quota stays.
   */
  public static DetectorSettings cpuThrottled() {
    return new DetectorSettings(30, 6, 4, 0, 0.10, 0.5, 2, 6, 0);
  }

  /**
   * Share of the data directory's filesystem in use (0 to 1): fires above 95 %, whatever its
   * normal, two reports in a row (a disk that fills slowly is as full in the end).
   */
  public static DetectorSettings diskFull() {
    return new DetectorSettings(30, 6, 4, 0, 1, 0.95, 2, 3, 0);
  }

  /**
   * Heap exhaustion, as {@code horizon / predicted seconds to exhaustion} (0 while the heap is not
   * filling): fires when the heap would be full within the horizon, three reports in a row (a
   * transient rise of the old generation is not a leak).
   */
  public static DetectorSettings heapExhaustion() {
    return new DetectorSettings(30, 12, 4, 0, 1, 1, 3, 3, 0);
  }
}
