package io.srespace.brain.core.nezha;

import io.srespace.brain.core.model.Case;
import io.srespace.brain.core.model.LogLine;
import io.srespace.brain.core.model.MetricSeries;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.Span;
import io.srespace.brain.core.nezha.RcaEvaluator.Report;
import io.srespace.brain.core.nezha.RcaEvaluator.Sample;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Scores the analyser on semi-synthetic faults: known faults injected into fault-free stretches of
 * the real Nezha days, so every fault type is measured on many services instead of on the few the
 * labels happen to name.
 *
 * <p>A case starts at a random time of a fault-free stretch: at least {@value #QUIET_AFTER_SECONDS}
 * s after any labelled injection, before the next one, and covered by trace files. The public
 * traces only cover the minute before and the minutes after each labelled injection, so a stretch
 * is the part of that minute before the label (and of the next minute when the label is late in
 * it), and a window, cut at the label, holds 30 s to 2 minutes of spans. The service is drawn among
 * those the fault type can visibly change ({@link FaultInjector#targets}), the intensity in a
 * realistic range; the labels are read only to find the stretches, never shown to the analyser.
 * Injected log lines are dropped when the window has no logs at all: there the dataset has no log
 * collection, and a fault would not add one.
 */
public final class SyntheticEvaluator {

  /** The loader counts five minutes of disturbance after an injection; one more for recovery. */
  static final long QUIET_AFTER_SECONDS = 360;

  /** A shorter window holds too few requests to tell anything. */
  static final long MIN_WINDOW_SECONDS = 30;

  /** Draws of a start time before a day is declared unable to take a fault type. */
  private static final int ATTEMPTS = 20;

  private static final long NANOS = 1_000_000_000L;

  /** A fault-free stretch of a day with traces, in epoch seconds: {@code [from, to)}. */
  record Stretch(long from, long to) {}

  private final FaultInjector injector = new FaultInjector();
  private final RcaEvaluator scorer;
  private final PrintStream out;

  public SyntheticEvaluator(PrintStream out) {
    this.out = out;
    this.scorer = new RcaEvaluator(out);
  }

  public Report evaluate(Path data, int perType, long seed) {
    requirePositive(perType);
    List<NezhaDay> days = NezhaDay.discover(data);
    return scorer.evaluateDrawn(samples(days, perType, seed), total(days, perType));
  }

  public void print(Report report) {
    scorer.print(report, true);
  }

  private static void requirePositive(int perType) {
    if (perType < 1) {
      throw new IllegalArgumentException(
          "--synthetic needs at least 1 case per fault type, got %d".formatted(perType));
    }
  }

  static int total(List<NezhaDay> days, int perType) {
    return days.size() * FaultInjector.TYPES.size() * perType;
  }

  /** The drawn cases, one at a time, in the same order for the same seed. */
  Stream<Sample> samples(List<NezhaDay> days, int perType, long seed) {
    requirePositive(perType);
    Random random = new Random(seed);
    return days.stream()
        .flatMap(
            day -> {
              List<Stretch> stretches = quietStretches(day);
              if (stretches.isEmpty()) {
                out.printf(
                    "%s %s: no fault-free stretch with traces, skipped%n", day.system, day.name);
                return Stream.empty();
              }
              NezhaCaseLoader loader = new NezhaCaseLoader(day);
              return FaultInjector.TYPES.stream()
                  .flatMap(
                      type ->
                          IntStream.range(0, perType)
                              .mapToObj(i -> draw(day, loader, stretches, type, random)));
            });
  }

  /** The day's fault-free stretches that trace files cover. */
  static List<Stretch> quietStretches(NezhaDay day) {
    long[] labels = day.faults.stream().mapToLong(LabelledFault::alertSeconds).sorted().toArray();
    List<Stretch> stretches = new ArrayList<>();
    long runFrom = Long.MIN_VALUE;
    long runTo = Long.MIN_VALUE;
    for (long minute : NezhaDay.minuteFiles(day.rcaDir, day.name, "trace").keySet()) {
      if (minute - runTo != 60) {
        addQuiet(runFrom, runTo, labels, stretches);
        runFrom = minute - 60;
      }
      runTo = minute;
    }
    addQuiet(runFrom, runTo, labels, stretches);
    return stretches;
  }

  private static void addQuiet(long from, long to, long[] labels, List<Stretch> stretches) {
    if (from == Long.MIN_VALUE) {
      return;
    }
    for (int i = 0; i <= labels.length; i++) {
      long after = i == 0 ? Long.MIN_VALUE / 2 : labels[i - 1] + QUIET_AFTER_SECONDS;
      long before = i == labels.length ? Long.MAX_VALUE : labels[i];
      long start = Math.max(from, after);
      long end = Math.min(to, before);
      if (end - start > MIN_WINDOW_SECONDS) {
        stretches.add(new Stretch(start, end));
      }
    }
  }

  private Sample draw(
      NezhaDay day, NezhaCaseLoader loader, List<Stretch> stretches, String type, Random random) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Stretch stretch = stretches.get(random.nextInt(stretches.size()));
      long t =
          stretch.from()
              + (long) (random.nextDouble() * (stretch.to() - stretch.from() - MIN_WINDOW_SECONDS));
      long started = System.nanoTime();
      Case loaded = loader.load(new LabelledFault(day.name, "synthetic", "", type, t, ""));
      long cut = Math.min(stretch.to() * NANOS, loaded.windowEndNanos());
      Observations window = before(loaded.window(), cut);
      List<String> targets = new ArrayList<>(FaultInjector.targets(window, type));
      if (targets.isEmpty() || cut - firstSpan(window) < MIN_WINDOW_SECONDS * NANOS) {
        continue;
      }
      String service = targets.get(random.nextInt(targets.size()));
      double intensity = intensity(type, random);
      FaultInjector.InjectedFault fault =
          injector.inject(window, service, type, intensity, new Random(random.nextLong()));
      Observations injected = fault.window();
      if (window.logs().isEmpty()) {
        injected = new Observations(injected.spans(), List.of(), injected.metrics());
      }
      Case incident =
          new Case(
              "%s synthetic %s %s".formatted(loaded.id(), type, service),
              loaded.alertNanos(),
              cut,
              injected,
              loaded.baseline(),
              loaded.topology(),
              loaded.notes());
      String described = describe(type, intensity);
      return new Sample(
          day.system,
          day.name,
          new LabelledFault(day.name, "synthetic", service, type, t, described),
          incident,
          (System.nanoTime() - started) / 1_000_000);
    }
    throw new IllegalArgumentException(
        "%s %s: no window could take a %s fault in %d draws (no service with %d affected spans)"
            .formatted(day.system, day.name, type, ATTEMPTS, FaultInjector.MIN_AFFECTED));
  }

  private static long firstSpan(Observations window) {
    return window.spans().stream().mapToLong(Span::startNanos).min().orElse(Long.MAX_VALUE);
  }

  /** The window's records from before {@code cut}: after it, a labelled fault is running. */
  static Observations before(Observations window, long cut) {
    List<Span> spans = window.spans().stream().filter(s -> s.startNanos() < cut).toList();
    List<LogLine> logs = window.logs().stream().filter(l -> l.timeNanos() < cut).toList();
    List<MetricSeries> metrics = new ArrayList<>(window.metrics().size());
    for (MetricSeries series : window.metrics()) {
      long[] times = new long[series.size()];
      double[] values = new double[series.size()];
      int n = 0;
      for (int i = 0; i < series.size(); i++) {
        if (series.timesNanos()[i] < cut) {
          times[n] = series.timesNanos()[i];
          values[n++] = series.values()[i];
        }
      }
      metrics.add(
          new MetricSeries(
              series.service(), series.name(), Arrays.copyOf(times, n), Arrays.copyOf(values, n)));
    }
    return new Observations(spans, logs, metrics);
  }

  /**
   * A delay of 100–1000 ms (log-uniform), a CPU factor of 1.5–4, or a share of 30–100 % of the
   * requests for exception and return.
   */
  static double intensity(String type, Random random) {
    double u = random.nextDouble();
    return switch (type) {
      case FaultInjector.NETWORK_DELAY -> Math.exp(Math.log(100) + u * Math.log(10));
      case FaultInjector.CPU_CONTENTION, FaultInjector.CPU_CONSUMED -> 1.5 + 2.5 * u;
      default -> 0.3 + 0.7 * u;
    };
  }

  private static String describe(String type, double intensity) {
    return switch (type) {
      case FaultInjector.NETWORK_DELAY -> "delay %.0f ms".formatted(intensity);
      case FaultInjector.CPU_CONTENTION, FaultInjector.CPU_CONSUMED ->
          "factor %.2f".formatted(intensity);
      default -> "%.0f%% of requests".formatted(100 * intensity);
    };
  }
}
