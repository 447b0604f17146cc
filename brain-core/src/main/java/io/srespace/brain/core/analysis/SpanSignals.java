package io.srespace.brain.core.analysis;

import io.srespace.brain.core.model.LogLine;
import io.srespace.brain.core.model.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trace findings: per-operation self time and per-edge call overhead against the baseline, services
 * whose spans vanished, and operations whose behaviour changed (which calls they make and which log
 * templates they write per span).
 */
final class SpanSignals {

  private static final int MIN_BASELINE = 5;
  private static final int MIN_WINDOW = 3;

  private final SpanGraph baseline;
  private final SpanGraph window;
  private final SignalBoard board;

  private final BaselineCleaner.Marks marks;

  SpanSignals(SpanGraph baseline, SpanGraph window, SignalBoard board) {
    this(baseline, window, board, BaselineCleaner.Marks.none());
  }

  /** {@code marks} say which baseline spans are no baseline (their service was anomalous then). */
  SpanSignals(
      SpanGraph baseline, SpanGraph window, SignalBoard board, BaselineCleaner.Marks marks) {
    this.baseline = baseline;
    this.window = window;
    this.board = board;
    this.marks = marks;
  }

  void latency() {
    Map<String, List<Double>> baseOps = new HashMap<>();
    Map<String, List<Double>> baseEdges = new HashMap<>();
    collect(baseline, marks, baseOps, baseEdges, null, null);
    Map<String, List<Double>> winOps = new HashMap<>();
    Map<String, List<Double>> winEdges = new HashMap<>();
    Map<String, Span> slowestOp = new HashMap<>();
    Map<String, Span> slowestEdge = new HashMap<>();
    collect(window, BaselineCleaner.Marks.none(), winOps, winEdges, slowestOp, slowestEdge);

    winOps.forEach(
        (key, values) -> {
          double z = shift(baseOps.get(key), values);
          if (z > 0) {
            String service = key.substring(0, key.indexOf('|'));
            board.add(
                service,
                Signal.SELF_LATENCY,
                z,
                "self time of %s: median %s in window vs %s in baseline (%d spans), e.g. trace %s"
                    .formatted(
                        key.substring(key.indexOf('|') + 1),
                        micros(median(values)),
                        micros(median(baseOps.get(key))),
                        values.size(),
                        slowestOp.get(key).traceId()));
          }
        });

    Map<String, List<Double>> incoming = new HashMap<>();
    Map<String, List<Double>> outgoing = new HashMap<>();
    Map<String, String> incomingDetail = new HashMap<>();
    Map<String, String> outgoingDetail = new HashMap<>();
    Map<String, Double> edgeZ = new HashMap<>();
    winEdges.forEach(
        (edge, values) -> {
          double z = shift(baseEdges.get(edge), values);
          if (Double.isNaN(z)) {
            return;
          }
          String caller = edge.substring(0, edge.indexOf('>'));
          String callee = edge.substring(edge.indexOf('>') + 1);
          edgeZ.put(edge, z);
          incoming.computeIfAbsent(callee, k -> new ArrayList<>()).add(z);
          outgoing.computeIfAbsent(caller, k -> new ArrayList<>()).add(z);
          String detail =
              "call overhead %s -> %s: median %s vs %s in baseline (z %.1f), e.g. trace %s"
                  .formatted(
                      caller,
                      callee,
                      micros(median(values)),
                      micros(median(baseEdges.get(edge))),
                      z,
                      slowestEdge.get(edge).traceId());
          incomingDetail.merge(callee, detail, (a, b) -> a.length() < 400 ? a + "; " + b : a);
          outgoingDetail.merge(caller, detail, (a, b) -> a.length() < 400 ? a + "; " + b : a);
        });
    outgoing.forEach(
        (caller, zs) -> {
          if (zs.size() >= 2) {
            board.add(caller, Signal.ALL_CALLS_OUT_SLOW, median(zs), outgoingDetail.get(caller));
          }
        });
    // A callee is slow to reach only beyond what its caller's calls to everyone else show.
    Map<String, List<Double>> beyondCaller = new HashMap<>();
    edgeZ.forEach(
        (edge, z) -> {
          String caller = edge.substring(0, edge.indexOf('>'));
          String callee = edge.substring(edge.indexOf('>') + 1);
          List<Double> others = new ArrayList<>(outgoing.get(caller));
          others.remove(z);
          double typical =
              board.on(Rule.EGRESS_ADJUST) && !others.isEmpty() ? Math.max(0, median(others)) : 0;
          beyondCaller.computeIfAbsent(callee, k -> new ArrayList<>()).add(z - typical);
        });
    beyondCaller.forEach(
        (callee, zs) ->
            board.add(callee, Signal.CALLS_INTO_SLOW, median(zs), incomingDetail.get(callee)));
  }

  /** Per operation, how often each child call and each log template occurs per span. */
  void behaviour(Map<String, Set<String>> baseLogTemplates, Map<String, Set<String>> winLogs) {
    Map<String, Counts> base = features(baseline, marks, baseLogTemplates, false);
    Map<String, Counts> win = features(window, BaselineCleaner.Marks.none(), winLogs, true);
    for (Map.Entry<String, Counts> entry : win.entrySet()) {
      Counts w = entry.getValue();
      Counts b = base.get(entry.getKey());
      if (b == null || b.spans < 2 * MIN_BASELINE || w.spans < MIN_WINDOW) {
        continue;
      }
      Set<String> keys = new HashSet<>(b.features.keySet());
      keys.addAll(w.features.keySet());
      Map<String, Double> signedZ = new HashMap<>();
      Set<String> alternatives = new HashSet<>();
      for (String feature : keys) {
        int kb = b.features.getOrDefault(feature, 0);
        double signed = Surprise.z(kb, b.spans, w.features.getOrDefault(feature, 0), w.spans);
        signedZ.put(feature, signed);
        if (signed >= BRANCH && kb > 0 && !isTrouble(feature)) {
          alternatives.add(feature);
        }
      }
      boolean flipped = !alternatives.isEmpty() && board.on(Rule.BRANCH_MOVES);
      String key = entry.getKey();
      String service = key.substring(0, key.indexOf('|'));
      String operation = key.substring(key.indexOf('|') + 1);
      for (String feature : keys) {
        double signed = signedZ.get(feature);
        double z = Math.abs(signed);
        double pb = b.features.getOrDefault(feature, 0) / (double) b.spans;
        double pw = w.features.getOrDefault(feature, 0) / (double) w.spans;
        if (signed < 0 && isTrouble(feature)) {
          continue; // an error or warning no longer written is a recovery, not a fault
        }
        if (flipped
            && !isTrouble(feature)
            && (signed < 0
                ? movedToAlternative(feature, alternatives, w.featuresPerSpan(window, winLogs))
                : b.features.containsKey(feature))) {
          continue; // the spans moved to another known branch: the data changed, not the code
        }
        if (signed < 0 && z > BRANCH && feature.startsWith("calls ")) {
          blameLastCallee(operation, feature, z, w.members);
        }
        if (pw >= pb) {
          continue; // a behaviour that appears is the other side of one lost, or new traffic
        }
        board.add(
            service,
            Signal.BEHAVIOUR_LOST,
            z,
            "%s: %s in %.0f%% of spans vs %.0f%% in baseline (%d spans), e.g. trace %s"
                .formatted(operation, feature, 100 * pw, 100 * pb, w.spans, w.example));
      }
    }
  }

  /**
   * A known behaviour this much more common than in the baseline marks a change of branch; a lost
   * call this significant is worth asking which callee the spans had called last.
   */
  private static final double BRANCH = 3.0;

  /** True when most spans without the lost behaviour show one of the behaviours that rose. */
  private static boolean movedToAlternative(
      String lost, Set<String> alternatives, List<Set<String>> spanFeatures) {
    int without = 0;
    int moved = 0;
    for (Set<String> own : spanFeatures) {
      if (own.contains(lost)) {
        continue;
      }
      without++;
      for (String alternative : alternatives) {
        if (own.contains(alternative)) {
          moved++;
          break;
        }
      }
    }
    return 2 * moved >= without;
  }

  private static Set<String> featuresOf(SpanGraph graph, Span span, Map<String, Set<String>> logs) {
    Set<String> features = new HashSet<>();
    for (Span kid : graph.childrenOf(span)) {
      features.add("calls " + kid.service() + " " + kid.operation());
    }
    for (String template : logs.getOrDefault(span.spanId(), Set.of())) {
      features.add("logs \"" + template + "\"");
    }
    return features;
  }

  private static boolean isTrouble(String feature) {
    return feature.startsWith("logs ") && LogTemplates.reportsTrouble(feature.substring(6));
  }

  /**
   * The callers' view in traces: spans that stopped making a call credit the service they had
   * called last, as code that gives up after a callee's bad answer.
   */
  private void blameLastCallee(String operation, String feature, double z, List<Span> spans) {
    CalleeCredit credit = new CalleeCredit();
    for (Span span : spans) {
      boolean made = false;
      Span last = null;
      String lastTarget = null;
      for (Span kid : window.childrenOf(span)) {
        if (feature.equals("calls " + kid.service() + " " + kid.operation())) {
          made = true;
          break;
        }
        String target = targetOf(span, kid);
        if (target != null && (last == null || kid.endNanos() > last.endNanos())) {
          last = kid;
          lastTarget = target;
        }
      }
      if (made) {
        continue;
      }
      credit.span(lastTarget, span.traceId());
    }
    credit.addTo(
        board,
        z,
        (n, total, trace) ->
            "%s stopped making %s right after calling it in %d of %d spans, e.g. trace %s"
                .formatted(operation, feature.substring(6), n, total, trace));
  }

  /** The other service a child span reaches: itself, or the server span under a client span. */
  private String targetOf(Span parent, Span kid) {
    return targetOf(window, parent, kid);
  }

  private static String targetOf(SpanGraph graph, Span parent, Span kid) {
    if (!kid.service().equals(parent.service())) {
      return kid.service();
    }
    for (Span grandchild : graph.childrenOf(kid)) {
      if (!grandchild.service().equals(kid.service())) {
        return grandchild.service();
      }
    }
    return null;
  }

  private static final class Counts {
    int spans;
    String example;
    final List<Span> members = new ArrayList<>();
    private List<Set<String>> perSpan;

    List<Set<String>> featuresPerSpan(SpanGraph graph, Map<String, Set<String>> logs) {
      if (perSpan == null) {
        perSpan = new ArrayList<>(members.size());
        for (Span span : members) {
          perSpan.add(featuresOf(graph, span, logs));
        }
      }
      return perSpan;
    }

    final Map<String, Integer> features = new HashMap<>();
  }

  private static Map<String, Counts> features(
      SpanGraph graph,
      BaselineCleaner.Marks skip,
      Map<String, Set<String>> logs,
      boolean keepMembers) {
    Map<String, Counts> result = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Span span : graph.spans) {
      if (skip.excludes(graph, span)) {
        continue;
      }
      Counts counts =
          result.computeIfAbsent(span.service() + "|" + span.operation(), k -> new Counts());
      counts.spans++;
      if (keepMembers) {
        counts.members.add(span);
      }
      if (counts.example == null) {
        counts.example = span.traceId();
      }
      seen.clear();
      for (Span kid : graph.childrenOf(span)) {
        String feature = "calls " + kid.service() + " " + kid.operation();
        seen.add(feature);
      }
      for (String template : logs.getOrDefault(span.spanId(), Set.of())) {
        seen.add("logs \"" + template + "\"");
      }
      for (String feature : seen) {
        counts.features.merge(feature, 1, Integer::sum);
      }
    }
    return result;
  }

  static Map<String, Set<String>> templatesBySpan(List<LogLine> logs, LogTemplates.Memo templates) {
    Map<String, Set<String>> bySpan = new HashMap<>();
    for (LogLine line : logs) {
      if (line.spanId() != null) {
        bySpan.computeIfAbsent(line.spanId(), k -> new HashSet<>()).add(templates.of(line));
      }
    }
    return bySpan;
  }

  private static void collect(
      SpanGraph graph,
      BaselineCleaner.Marks skip,
      Map<String, List<Double>> ops,
      Map<String, List<Double>> edges,
      Map<String, Span> slowestOp,
      Map<String, Span> slowestEdge) {
    Map<String, Double> worst = new HashMap<>();
    for (Span span : graph.spans) {
      if (skip.excludes(graph, span)) {
        continue;
      }
      double self = graph.exclusiveMicros(span);
      String callee = graph.calleeOf(span);
      String key =
          callee == null ? span.service() + "|" + span.operation() : span.service() + ">" + callee;
      (callee == null ? ops : edges).computeIfAbsent(key, k -> new ArrayList<>()).add(self);
      if (slowestOp != null && worst.getOrDefault(key, -1.0) < self) {
        worst.put(key, self);
        (callee == null ? slowestOp : slowestEdge).put(key, span);
      }
    }
  }

  /** Robust z of the window median against the baseline; NaN when either side is too thin. */
  private double shift(List<Double> baseline, List<Double> window) {
    if (baseline == null || baseline.size() < MIN_BASELINE || window.size() < MIN_WINDOW) {
      return Double.NaN;
    }
    double[] sorted = RobustStats.sorted(toArray(baseline));
    double effect = RobustStats.zAbove(median(window), sorted, 0.1, 50);
    if (effect <= 0 || !board.on(Rule.RANK_SUM_CAP)) {
      return effect;
    }
    double sure =
        Math.max(RobustStats.rankSumZ(sorted, window), RobustStats.exceedanceZ(sorted, window));
    return Math.min(effect, sure);
  }

  static double median(List<Double> values) {
    return RobustStats.median(RobustStats.sorted(toArray(values)));
  }

  private static double[] toArray(List<Double> values) {
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  private static String micros(double micros) {
    return micros >= 1000 ? "%.1f ms".formatted(micros / 1000) : "%.0f us".formatted(micros);
  }
}
