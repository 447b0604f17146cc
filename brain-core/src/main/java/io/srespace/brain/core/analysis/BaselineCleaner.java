package io.srespace.brain.core.analysis;

import io.srespace.brain.core.model.LogLine;
import io.srespace.brain.core.model.MetricSeries;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the stretches of a baseline that are themselves anomalous, judged from the telemetry alone:
 * the minutes before an alert often hold an earlier incident, and a baseline that holds the same
 * fault hides it. A service is anomalous in a minute when several of its operations or the calls
 * into it are far slower than in their typical minute, when one of its operations stops doing what
 * it typically does, or when one of its error templates bursts; its callers are marked with it, and
 * only what is marked leaves the baseline, so the other services keep theirs.
 */
final class BaselineCleaner {

  private static final long MINUTE = 60_000_000_000L;

  /** A minute's median this many times its operation's typical minute marks the minute. */
  private static final double SLOWER = 3;

  /** ... and only when it is this much slower in absolute terms (scheduling noise is smaller). */
  private static final double SLOWER_MICROS = 3_000;

  /** How many of a service's operations or call edges must be slow to mark a minute. */
  private static final int SLOW_KEYS = 2;

  /** An operation is judged in a minute that holds at least this many of its spans. */
  private static final int MIN_SPANS = 5;

  /** An operation's behaviour is judged in a minute that holds at least this many of its spans. */
  private static final int MIN_BEHAVIOUR_SPANS = 10;

  /** Only a behaviour that most spans of a typical minute show can be lost. */
  private static final double COMMON = 0.5;

  /** How unlikely the minute's count must be under the best minute's rate (normal z). */
  private static final double LOST_Z = 5;

  /** An error template in a minute beyond this many times its typical minute, plus slack. */
  private static final double ERROR_BURST = 4;

  private static final int ERROR_SLACK = 3;

  /**
   * Which services each baseline minute holds anomalous: their spans, logs and metric points of
   * that minute are no baseline.
   */
  record Marks(Map<Long, Set<String>> byMinute) {

    static Marks none() {
      return new Marks(Map.of());
    }

    boolean excludes(String service, long nanos) {
      Set<String> services = byMinute.get(nanos / MINUTE);
      return services != null && services.contains(service);
    }

    /**
     * A span is no baseline when its service was anomalous then, or a service it called (directly
     * or through one client span of its own): its calls failed or waited on that fault.
     */
    boolean excludes(SpanGraph graph, Span span) {
      Set<String> services = byMinute.get(span.startNanos() / MINUTE);
      if (services == null) {
        return false;
      }
      if (services.contains(span.service())) {
        return true;
      }
      for (Span kid : graph.childrenOf(span)) {
        if (services.contains(kid.service())) {
          return true;
        }
        for (Span grandchild : graph.childrenOf(kid)) {
          if (services.contains(grandchild.service())) {
            return true;
          }
        }
      }
      return false;
    }

    int size() {
      return byMinute.values().stream().mapToInt(Set::size).sum();
    }
  }

  /** Result: the baseline's logs and metrics without what the marks exclude, and the marks. */
  record Cleaned(Observations baseline, Marks marks, String why) {}

  Cleaned clean(Observations baseline, LogTemplates.Memo templates) {
    Map<Long, Map<String, String>> anomalous = new TreeMap<>();
    SpanGraph graph = new SpanGraph(baseline.spans());
    slowMinutes(graph, anomalous);
    lostBehaviourMinutes(graph, SpanSignals.templatesBySpan(baseline.logs(), templates), anomalous);
    errorMinutes(baseline.logs(), templates, anomalous);
    if (anomalous.isEmpty()) {
      return new Cleaned(baseline, Marks.none(), "");
    }
    Map<Long, Set<String>> byMinute = new TreeMap<>();
    anomalous.forEach((minute, services) -> byMinute.put(minute, Set.copyOf(services.keySet())));
    Marks marks = new Marks(byMinute);
    List<LogLine> logs = new ArrayList<>();
    for (LogLine line : baseline.logs()) {
      if (!marks.excludes(line.service(), line.timeNanos())) {
        logs.add(line);
      }
    }
    List<MetricSeries> metrics = new ArrayList<>();
    for (MetricSeries series : baseline.metrics()) {
      metrics.add(without(series, marks));
    }
    String why =
        anomalous.values().stream()
            .flatMap(m -> m.values().stream())
            .distinct()
            .limit(3)
            .reduce((x, y) -> x + "; " + y)
            .get();
    return new Cleaned(new Observations(baseline.spans(), logs, metrics), marks, why);
  }

  private static void mark(
      Map<Long, Map<String, String>> anomalous, long minute, String service, String why) {
    anomalous.computeIfAbsent(minute, m -> new TreeMap<>()).putIfAbsent(service, why);
  }

  /**
   * Minutes where at least two operations or call edges of one service are far slower than in their
   * typical minute: one slow operation is a query on a growing table or noise, a fault slows
   * several.
   */
  private static void slowMinutes(SpanGraph graph, Map<Long, Map<String, String>> anomalous) {
    Map<String, Map<Long, List<Double>>> byKey = new HashMap<>();
    Map<String, String> serviceOf = new HashMap<>();
    for (Span span : graph.spans) {
      String callee = graph.calleeOf(span);
      String key =
          callee == null ? span.service() + " " + span.operation() : span.service() + ">" + callee;
      serviceOf.putIfAbsent(key, callee == null ? span.service() : callee);
      byKey
          .computeIfAbsent(key, k -> new HashMap<>())
          .computeIfAbsent(span.startNanos() / MINUTE, k -> new ArrayList<>())
          .add(graph.exclusiveMicros(span));
    }
    Map<Long, Map<String, List<String>>> slow = new TreeMap<>();
    byKey.forEach(
        (key, byMinute) -> {
          Map<Long, Double> medians = new HashMap<>();
          byMinute.forEach(
              (minute, values) -> {
                if (values.size() >= MIN_SPANS) {
                  medians.put(minute, SpanSignals.median(values));
                }
              });
          if (medians.size() < 3) {
            return;
          }
          double typical = typical(medians.values());
          medians.forEach(
              (minute, median) -> {
                if (median > SLOWER * typical && median - typical > SLOWER_MICROS) {
                  slow.computeIfAbsent(minute, m -> new TreeMap<>())
                      .computeIfAbsent(serviceOf.get(key), k -> new ArrayList<>())
                      .add(
                          "%s took %.1f ms against %.1f ms"
                              .formatted(key, median / 1000, typical / 1000));
                }
              });
        });
    slow.forEach(
        (minute, byService) ->
            byService.forEach(
                (service, findings) -> {
                  if (findings.size() >= SLOW_KEYS) {
                    mark(
                        anomalous,
                        minute,
                        service,
                        "%s slow: %s"
                            .formatted(service, String.join(", ", findings.subList(0, 2))));
                  }
                }));
  }

  /**
   * Minutes where an operation stopped making a call or writing a template that it made in most of
   * its spans in its best minute: code that throws or returns early.
   */
  private static void lostBehaviourMinutes(
      SpanGraph graph,
      Map<String, Set<String>> templates,
      Map<Long, Map<String, String>> anomalous) {
    Map<String, Map<Long, int[]>> counts = new HashMap<>();
    Map<String, Map<Long, Integer>> spansPerMinute = new HashMap<>();
    for (Span span : graph.spans) {
      String op = span.service() + " " + span.operation();
      long minute = span.startNanos() / MINUTE;
      spansPerMinute.computeIfAbsent(op, k -> new HashMap<>()).merge(minute, 1, Integer::sum);
      Set<String> features = new HashSet<>();
      for (Span kid : graph.childrenOf(span)) {
        features.add("calls " + kid.service() + " " + kid.operation());
      }
      for (String template : templates.getOrDefault(span.spanId(), Set.of())) {
        features.add("logs \"" + template + "\"");
      }
      for (String feature : features) {
        counts.computeIfAbsent(op + "\u0001" + feature, k -> new HashMap<>())
            .computeIfAbsent(minute, k -> new int[1])[0]++;
      }
    }
    counts.forEach(
        (key, byMinute) -> {
          String op = key.substring(0, key.indexOf('\u0001'));
          Map<Long, Integer> totals = spansPerMinute.get(op);
          List<Double> rates = new ArrayList<>();
          for (Map.Entry<Long, Integer> e : totals.entrySet()) {
            if (e.getValue() >= MIN_BEHAVIOUR_SPANS) {
              int[] k = byMinute.get(e.getKey());
              rates.add((k == null ? 0 : k[0]) / (double) e.getValue());
            }
          }
          // The typical minute from above: the minutes that lost the behaviour sit below it.
          double best =
              rates.size() < 3
                  ? 0
                  : RobustStats.quantile(
                      rates.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 2.0 / 3);
          if (best < COMMON) {
            return;
          }
          for (Map.Entry<Long, Integer> e : totals.entrySet()) {
            int n = e.getValue();
            if (n < MIN_BEHAVIOUR_SPANS) {
              continue;
            }
            int[] k = byMinute.get(e.getKey());
            double rate = (k == null ? 0 : k[0]) / (double) n;
            double expected = best * n;
            double z = (rate * n - expected) / Math.sqrt(expected * (1 - best) + 1);
            if (rate < 0.5 * best && z < -LOST_Z) {
              mark(
                  anomalous,
                  e.getKey(),
                  op.substring(0, op.indexOf(' ')),
                  "%s: %s in %.0f%% of spans against %.0f%% in a typical minute"
                      .formatted(
                          op, key.substring(key.indexOf('\u0001') + 1), 100 * rate, 100 * best));
            }
          }
        });
  }

  /** Minutes where a service wrote an error template far more often than in a typical minute. */
  private static void errorMinutes(
      List<LogLine> logs, LogTemplates.Memo templates, Map<Long, Map<String, String>> anomalous) {
    Map<String, Map<Long, Integer>> errors = new HashMap<>();
    Set<Long> minutes = new HashSet<>();
    for (LogLine line : logs) {
      long minute = line.timeNanos() / MINUTE;
      minutes.add(minute);
      if (LogTemplates.isError(line.message())) {
        errors
            .computeIfAbsent(
                line.service() + " \"" + templates.of(line) + "\"", k -> new HashMap<>())
            .merge(minute, 1, Integer::sum);
      }
    }
    if (minutes.size() < 3) {
      return;
    }
    errors.forEach(
        (template, byMinute) -> {
          List<Double> counts = new ArrayList<>();
          for (long minute : minutes) {
            counts.add((double) byMinute.getOrDefault(minute, 0));
          }
          double typical = typical(counts);
          byMinute.forEach(
              (minute, n) -> {
                if (n > ERROR_BURST * typical + ERROR_SLACK) {
                  mark(
                      anomalous,
                      minute,
                      template.substring(0, template.indexOf(' ')),
                      "%s logged %d times against %.0f in a typical minute"
                          .formatted(template, n, typical));
                }
              });
        });
  }

  /** The typical minute: the lower third, since the anomalous minutes sit above it. */
  private static double typical(java.util.Collection<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return RobustStats.quantile(sorted, 1.0 / 3);
  }

  private static MetricSeries without(MetricSeries series, Marks marks) {
    long[] times = new long[series.size()];
    double[] values = new double[series.size()];
    int n = 0;
    for (int i = 0; i < series.size(); i++) {
      if (!marks.excludes(series.service(), series.timesNanos()[i])) {
        times[n] = series.timesNanos()[i];
        values[n++] = series.values()[i];
      }
    }
    return new MetricSeries(
        series.service(), series.name(), Arrays.copyOf(times, n), Arrays.copyOf(values, n));
  }
}
