package io.srespace.brain.core.analysis;

import io.srespace.brain.core.model.MetricSeries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Metric findings: robust z of each resource and latency series, window peak against baseline. */
final class MetricSignals {

  private static final double CAP = 50;

  private final SignalBoard board;

  MetricSignals(SignalBoard board) {
    this.board = board;
  }

  void analyse(List<MetricSeries> baseline, List<MetricSeries> window) {
    Map<String, MetricSeries> before = new HashMap<>();
    for (MetricSeries series : baseline) {
      before.put(series.service() + "|" + series.name(), series);
    }
    for (MetricSeries series : window) {
      board.seen(series.service());
      Signal signal = signalOf(series.name());
      MetricSeries base = before.get(series.service() + "|" + series.name());
      if (signal == null || base == null) {
        continue;
      }
      double[] b = finite(base.values());
      double[] w = finite(series.values());
      if (b.length < 3 || w.length < 1) {
        continue;
      }
      double[] sorted = RobustStats.sorted(b);
      double[] ws = RobustStats.sorted(w);
      // The second-highest point: a sustained rise, not a one-sample spike.
      double peak = ws[Math.max(0, ws.length - 2)];
      double magnitude = Math.max(Math.abs(sorted[sorted.length - 1]), Math.abs(peak));
      // A percentage moving by less than a point is not a fault, however flat its baseline.
      double floor = Math.max(0.02 * magnitude, series.name().contains("%") ? 1.0 : 1e-9);
      double z = Math.min(CAP, RobustStats.zAbove(peak, sorted, 0.1, floor));
      board.add(
          series.service(),
          signal,
          z,
          "%s held %.4g vs baseline median %.4g (%d baseline points)"
              .formatted(series.name(), peak, RobustStats.median(sorted), b.length));
    }
  }

  static Signal signalOf(String name) {
    String n = name.toLowerCase();
    if (n.startsWith("node")) {
      return null;
    }
    if (n.startsWith("cpuusagerate")) {
      return Signal.CPU;
    }
    if (n.startsWith("podserverlatencyp95")) {
      return Signal.SERVER_LATENCY;
    }
    return null;
  }

  private static double[] finite(double[] values) {
    int n = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        n++;
      }
    }
    double[] out = new double[n];
    int i = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        out[i++] = v;
      }
    }
    return out;
  }
}
