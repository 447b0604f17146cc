package io.srespace.brain.core.nezha;

import io.srespace.brain.core.model.LogLine;
import io.srespace.brain.core.model.MetricSeries;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.Span;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Injects one fault into a window of real telemetry, modelled from the outside as the
 * infrastructure would show it, so the analyser can be scored on cases whose answer is known.
 *
 * <p>The models, by {@code type} and what {@code intensity} means:
 *
 * <ul>
 *   <li>{@code network_delay} (milliseconds): the pod's egress is late. A caller's call into the
 *       service ends that much later (the answer leaves late); the service's own calls reach their
 *       callees that much later, so those callees' spans move (without growing) and the service's
 *       client spans grow. Its server spans grow only by waiting on those calls. Calls to databases
 *       that the traces show inside the service are not delayed.
 *   <li>{@code cpu_contention} (factor): a competing load in the pod slows the service's own work:
 *       the exclusive time of its spans grows by the factor, and its {@code CpuUsageRate(%)} takes
 *       half of the headroom the load claims, {@code (1 - 1/factor) * (100 - usage) / 2}.
 *   <li>{@code cpu_consumed} (factor): a process in the pod burns CPU: {@code CpuUsageRate(%)}
 *       takes {@code (1 - 1/factor)} of the headroom, while the service's own work slows only by
 *       {@code 1 + (factor - 1) / 4}.
 *   <li>{@code exception} (share of requests): that share of the service's server spans throw at a
 *       random point: their later descendants are gone, the caller's call ends then, the caller's
 *       handler gives up (its later calls are gone, it answers soon after) and logs an error naming
 *       the failed call; the service itself logs the exception half of the time.
 *   <li>{@code return} (share of requests): the service answers a wrong value without an error: its
 *       spans are unchanged, but for that share of calls the caller's handler takes another branch
 *       (its later calls are gone, it answers soon after); no log lines are written.
 * </ul>
 *
 * Every change is carried through each trace tree by re-timing (parents, sequential siblings,
 * callers). Metric points get the CPU models only (CpuUsageRate(%) capped at 100, and CpuUsage(m)
 * in proportion). The same {@link Random} gives the same result.
 */
public final class FaultInjector {

  public static final String CPU_CONTENTION = "cpu_contention";
  public static final String CPU_CONSUMED = "cpu_consumed";
  public static final String NETWORK_DELAY = "network_delay";
  public static final String RETURN = "return";
  public static final String EXCEPTION = "exception";
  public static final List<String> TYPES =
      List.of(CPU_CONTENTION, CPU_CONSUMED, NETWORK_DELAY, RETURN, EXCEPTION);

  /** Fewer affected spans than this in a window and a fault could pass unseen by anyone. */
  static final int MIN_AFFECTED = 10;

  /** A CPU burner slows the service's own work by this share of what contention would. */
  private static final double CONSUMED_SLOWDOWN = 0.25;

  /** The share of the headroom a competing load claims that the pod's CPU metric shows. */
  private static final double CONTENTION_CPU = 0.5;

  private static final String CPU_RATE = "CpuUsageRate(%)";
  private static final String CPU_MILLIS = "CpuUsage(m)";
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /** What was injected, and the window with it. */
  public record InjectedFault(
      String service, String type, double intensity, String detail, Observations window) {}

  public InjectedFault inject(
      Observations window, String service, String type, double intensity, Random random) {
    check(type, intensity);
    SpanTree tree = new SpanTree(window.spans());
    Failures failures = new Failures(service, type.equals(EXCEPTION));
    TraceRetimer.Effect effect =
        switch (type) {
          case NETWORK_DELAY -> networkDelay(service, Math.round(intensity * 1_000_000));
          case CPU_CONTENTION -> cpu(service, intensity);
          case CPU_CONSUMED -> cpu(service, 1 + CONSUMED_SLOWDOWN * (intensity - 1));
          default -> failures.choose(window.spans(), tree, intensity, random);
        };
    TraceRetimer.Result result = TraceRetimer.retime(tree, effect);
    List<LogLine> errors = failures.logs(result);
    List<LogLine> logs = retimeLogs(window.logs(), window.spans(), result);
    logs.addAll(errors);
    logs.sort(Comparator.comparingLong(LogLine::timeNanos));
    List<MetricSeries> metrics =
        switch (type) {
          case CPU_CONTENTION ->
              raiseCpu(window.metrics(), service, CONTENTION_CPU * (1 - 1 / intensity), random);
          case CPU_CONSUMED -> raiseCpu(window.metrics(), service, 1 - 1 / intensity, random);
          default -> window.metrics();
        };
    List<Span> spans = retimedSpans(window.spans(), result);
    String detail =
        "%s of %s (intensity %.3g): %d of %d spans changed, %d removed, %d error lines written"
            .formatted(
                type,
                service,
                intensity,
                changed(window.spans(), result),
                window.spans().size(),
                result.removed().size(),
                errors.size());
    return new InjectedFault(
        service, type, intensity, detail, new Observations(spans, logs, metrics));
  }

  private static List<Span> retimedSpans(List<Span> original, TraceRetimer.Result result) {
    List<Span> spans = new ArrayList<>(original.size());
    for (Span span : original) {
      String key = SpanTree.key(span);
      Span retimed = result.retimed().get(key);
      if (retimed != null) {
        spans.add(retimed);
      } else if (!result.removed().contains(key)) {
        spans.add(span);
      }
    }
    return spans;
  }

  private static int changed(List<Span> original, TraceRetimer.Result result) {
    int changed = 0;
    for (Span span : original) {
      Span retimed = result.retimed().get(SpanTree.key(span));
      if (retimed != null && !retimed.equals(span)) {
        changed++;
      }
    }
    return changed;
  }

  /**
   * The services a fault of this type would visibly change in the window: for the CPU types,
   * services with spans; for {@code network_delay}, services that call or are called by another;
   * for {@code exception}, services that serve requests; for {@code return}, services whose callers
   * go on doing something after calling them (a wrong answer that changes nothing in the caller
   * leaves no trace). Each needs {@value #MIN_AFFECTED} affected spans.
   */
  public static Set<String> targets(Observations window, String type) {
    check(type, 1);
    SpanTree tree = new SpanTree(window.spans());
    Map<String, Integer> affected = new HashMap<>();
    for (Span span : window.spans()) {
      switch (type) {
        case CPU_CONTENTION, CPU_CONSUMED -> affected.merge(span.service(), 1, Integer::sum);
        case EXCEPTION -> {
          if (tree.isEntry(span)) {
            affected.merge(span.service(), 1, Integer::sum);
          }
        }
        case NETWORK_DELAY -> {
          Span parent = tree.parent(span);
          if (parent != null && !parent.service().equals(span.service())) {
            affected.merge(span.service(), 1, Integer::sum);
            affected.merge(parent.service(), 1, Integer::sum);
          }
        }
        default -> {
          if (tree.isEntry(span) && goesOnAfter(tree, span)) {
            affected.merge(span.service(), 1, Integer::sum);
          }
        }
      }
    }
    Set<String> targets = new TreeSet<>();
    affected.forEach(
        (service, n) -> {
          if (n >= MIN_AFFECTED) {
            targets.add(service);
          }
        });
    return targets;
  }

  private static boolean goesOnAfter(SpanTree tree, Span entry) {
    Span handler = tree.handlerOf(entry);
    if (handler == null) {
      return false;
    }
    Span call = tree.parent(entry);
    long answered = handler.equals(call) ? entry.endNanos() : call.endNanos();
    for (Span child : tree.children(handler)) {
      if (child.startNanos() >= answered) {
        return true;
      }
    }
    return false;
  }

  private static void check(String type, double intensity) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "unknown fault type '%s' (known: %s)".formatted(type, String.join(", ", TYPES)));
    }
    boolean share = type.equals(EXCEPTION) || type.equals(RETURN);
    boolean valid =
        share
            ? intensity > 0 && intensity <= 1
            : type.equals(NETWORK_DELAY) ? intensity > 0 : intensity >= 1;
    if (!valid || !Double.isFinite(intensity)) {
      throw new IllegalArgumentException(
          "intensity %s is invalid for %s: a share in (0, 1] for exception/return, a delay in ms > 0 for network_delay, a factor >= 1 for the CPU faults"
              .formatted(intensity, type));
    }
  }

  private static TraceRetimer.Effect networkDelay(String service, long nanos) {
    return new TraceRetimer.Effect() {
      @Override
      public long requestDelay(Span parent, Span child) {
        return parent.service().equals(service) && !child.service().equals(service) ? nanos : 0;
      }

      @Override
      public long responseDelay(Span parent, Span child) {
        return child.service().equals(service) && !parent.service().equals(service) ? nanos : 0;
      }
    };
  }

  private static TraceRetimer.Effect cpu(String service, double factor) {
    return new TraceRetimer.Effect() {
      @Override
      public double selfFactor(Span span) {
        return span.service().equals(service) ? factor : 1;
      }
    };
  }

  /**
   * Log lines follow their span: moved with its start, dropped when the span was removed or when
   * they fell inside the original span but after its new end (the code that wrote them never ran).
   */
  private static List<LogLine> retimeLogs(
      List<LogLine> logs, List<Span> original, TraceRetimer.Result result) {
    Map<String, Span> before = new HashMap<>();
    for (Span span : original) {
      before.put(SpanTree.key(span), span);
    }
    List<LogLine> out = new ArrayList<>(logs.size());
    for (LogLine line : logs) {
      String key =
          line.traceId() == null || line.spanId() == null
              ? null
              : SpanTree.key(line.traceId(), line.spanId());
      Span now = key == null ? null : result.retimed().get(key);
      if (key != null && result.removed().contains(key)) {
        continue;
      }
      if (now == null) {
        out.add(line);
        continue;
      }
      Span then = before.get(key);
      long time = line.timeNanos() + now.startNanos() - then.startNanos();
      if (line.timeNanos() <= then.endNanos() && time > now.endNanos()) {
        continue;
      }
      out.add(new LogLine(time, line.service(), line.traceId(), line.spanId(), line.message()));
    }
    return out;
  }

  private static List<MetricSeries> raiseCpu(
      List<MetricSeries> metrics, String service, double share, Random random) {
    Map<Long, Double> ratio = new HashMap<>();
    List<MetricSeries> out = new ArrayList<>(metrics.size());
    for (MetricSeries series : metrics) {
      if (!series.service().equals(service) || !series.name().equals(CPU_RATE)) {
        out.add(series);
        continue;
      }
      double[] values = series.values().clone();
      for (int i = 0; i < values.length; i++) {
        double v = values[i];
        if (Double.isFinite(v)) {
          double noise = Math.max(0.7, Math.min(1.3, 1 + 0.1 * random.nextGaussian()));
          values[i] = Math.min(100, v + share * (100 - v) * noise);
          ratio.put(series.timesNanos()[i], v > 0 ? values[i] / v : 1.0);
        }
      }
      out.add(new MetricSeries(service, series.name(), series.timesNanos(), values));
    }
    for (int s = 0; s < out.size(); s++) {
      MetricSeries series = out.get(s);
      if (series.service().equals(service) && series.name().equals(CPU_MILLIS)) {
        double[] values = series.values().clone();
        for (int i = 0; i < values.length; i++) {
          values[i] *= ratio.getOrDefault(series.timesNanos()[i], 1.0);
        }
        out.set(s, new MetricSeries(service, series.name(), series.timesNanos(), values));
      }
    }
    return out;
  }

  static String clock(long nanos) {
    return CLOCK.format(Instant.ofEpochSecond(0, nanos));
  }

  /** Which requests fail (exception, return) and the error lines their failures write. */
  private static final class Failures implements TraceRetimer.Effect {
    private final String service;
    private final boolean throwing;
    private final Map<String, Long> stops = new HashMap<>();
    private final Set<String> failing = new LinkedHashSet<>();
    private final Set<String> selfLogging = new LinkedHashSet<>();
    private final List<LogLine> callerLogs = new ArrayList<>();

    Failures(String service, boolean throwing) {
      this.service = service;
      this.throwing = throwing;
    }

    Failures choose(List<Span> spans, SpanTree tree, double share, Random random) {
      for (Span span : spans) {
        if (!span.service().equals(service)
            || !tree.isEntry(span)
            || random.nextDouble() >= share) {
          continue;
        }
        String key = SpanTree.key(span);
        failing.add(key);
        if (throwing) {
          double at = 0.05 + 0.9 * random.nextDouble();
          stops.put(
              key, span.startNanos() + Math.round(at * (span.endNanos() - span.startNanos())));
          if (random.nextBoolean()) {
            selfLogging.add(key);
          }
        }
      }
      return this;
    }

    @Override
    public long stopsAt(Span span) {
      return stops.getOrDefault(SpanTree.key(span), Long.MAX_VALUE);
    }

    @Override
    public boolean failsCaller(Span span) {
      return failing.contains(SpanTree.key(span));
    }

    @Override
    public void gaveUp(Span handler, long nanos, Span failed) {
      if (throwing) {
        callerLogs.add(
            new LogLine(
                nanos,
                handler.service(),
                handler.traceId(),
                handler.spanId(),
                "%s ERROR %s TraceID: %s SpanID: %s [%s][call to %s failed][%s: 500 Internal Server Error]"
                    .formatted(
                        clock(nanos),
                        handler.service(),
                        handler.traceId(),
                        handler.spanId(),
                        handler.operation(),
                        failed.service(),
                        failed.operation())));
      }
    }

    List<LogLine> logs(TraceRetimer.Result result) {
      List<LogLine> logs = new ArrayList<>(callerLogs);
      for (String key : selfLogging) {
        Span span = result.retimed().get(key);
        if (span != null) {
          logs.add(
              new LogLine(
                  span.endNanos(),
                  span.service(),
                  span.traceId(),
                  span.spanId(),
                  "%s ERROR %s TraceID: %s SpanID: %s [%s][java.lang.IllegalStateException: request processing failed]"
                      .formatted(
                          clock(span.endNanos()),
                          span.service(),
                          span.traceId(),
                          span.spanId(),
                          span.operation())));
        }
      }
      return logs;
    }
  }
}
