package io.srespace.brain.core.analysis;

import io.srespace.brain.core.model.Case;
import io.srespace.brain.core.model.Diagnosis;
import io.srespace.brain.core.model.Evidence;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.RankedSuspect;
import io.srespace.brain.core.model.Topology;
import io.srespace.events.FaultClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the services of one case by how well they explain its anomalies: findings from spans, logs
 * and metrics are fused per service, then a service is discounted by what its callees' own
 * anomalies already explain, so the deepest anomalous service comes first.
 */
public final class RootCauseAnalyser {

  /** Below this many robust standard deviations a finding adds nothing. */
  private static final double NOISE = 3.0;

  /** How much of an anomalous callee's score is taken off its caller's. */
  private static final double CALLEE_EXPLAINS = 0.5;

  /**
   * Findings measured at the callers that say nothing against them: slow calls into a service, a
   * service vanishing. (The callers' blame does explain them: they failed after calling it.)
   */
  private static final Set<Signal> NOT_PROPAGATED = EnumSet.of(Signal.CALLS_INTO_SLOW);

  private final Set<Rule> off;

  /** The analyser with every signal and rule on. */
  public RootCauseAnalyser() {
    this(Set.of());
  }

  /** The analyser with the given signals and rules switched off (for ablations). */
  public RootCauseAnalyser(Set<Rule> off) {
    this.off = Set.copyOf(off);
  }

  public Diagnosis analyse(Case incident) {
    Observations window = incident.window();
    if (window.isEmpty()) {
      throw new IllegalArgumentException(
          "case %s has an empty window: no spans, logs or metric points from the alert onward"
              .formatted(incident.id()));
    }
    List<String> notes = new ArrayList<>(incident.notes());
    LogTemplates.Memo templates = new LogTemplates.Memo();
    Observations baseline = incident.baseline();
    BaselineCleaner.Marks marks = BaselineCleaner.Marks.none();
    if (!off.contains(Rule.BASELINE_CLEANING)) {
      BaselineCleaner.Cleaned cleaned = new BaselineCleaner().clean(baseline, templates);
      if (cleaned.marks().size() > 0) {
        notes.add(
            "baseline: left out %d service-minutes that were themselves anomalous (%s)"
                .formatted(cleaned.marks().size(), cleaned.why()));
      }
      baseline = cleaned.baseline();
      marks = cleaned.marks();
    }
    SignalBoard board = new SignalBoard(off);
    SpanGraph baseSpans = new SpanGraph(baseline.spans());
    SpanGraph winSpans = new SpanGraph(window.spans());

    if (window.spans().isEmpty()) {
      notes.add("no spans in the window: traces not used");
    } else if (baseline.spans().isEmpty()) {
      notes.add("no baseline spans: trace latency and behaviour not compared");
    } else {
      SpanSignals spans = new SpanSignals(baseSpans, winSpans, board, marks);
      spans.latency();
      spans.behaviour(
          SpanSignals.templatesBySpan(baseline.logs(), templates),
          SpanSignals.templatesBySpan(window.logs(), templates));
      winSpans.spans.forEach(s -> board.seen(s.service()));
    }
    if (window.logs().isEmpty()) {
      notes.add("no logs in the window: log templates not used");
    } else {
      if (baseline.logs().isEmpty()) {
        notes.add("no baseline logs: every error template counts as new");
      }
      new LogSignals(board, templates).errors(baseline.logs(), window.logs(), winSpans);
    }
    if (!window.hasMetricPoints()) {
      notes.add("no metric points in the window: metrics not used");
    } else if (!baseline.hasMetricPoints()) {
      notes.add("no baseline metric points: metrics not compared");
    } else {
      new MetricSignals(board).analyse(baseline.metrics(), window.metrics());
    }

    Topology topology = incident.topology().merge(baseSpans.topology()).merge(winSpans.topology());
    if (!topology.isKnown()) {
      notes.add("topology unknown: no blame propagation along calls");
    }
    return new Diagnosis(incident.id(), rank(board, topology, notes), notes);
  }

  private static List<RankedSuspect> rank(
      SignalBoard board, Topology topology, List<String> notes) {
    Map<String, Double> own = new HashMap<>();
    Map<String, Double> propagated = new HashMap<>();
    for (String service : board.services()) {
      double all = 0;
      double spread = 0;
      for (Map.Entry<Signal, Evidence> e : board.findings(service).entrySet()) {
        double z = e.getValue().strength();
        double part = contribution(e.getKey(), z);
        all += part;
        if (!NOT_PROPAGATED.contains(e.getKey())) {
          spread += part;
        }
      }
      own.put(service, all);
      propagated.put(service, spread);
    }
    List<RankedSuspect> suspects = new ArrayList<>();
    List<String> quiet = new ArrayList<>();
    for (String service : board.services()) {
      double score = own.get(service);
      String explainedBy = null;
      double explained = 0;
      for (String callee : topology.calleesOf(service)) {
        double part = Math.min(propagated.getOrDefault(callee, 0.0), score);
        if (part > explained) {
          explained = part;
          explainedBy = callee;
        }
      }
      double finalScore =
          board.on(Rule.CALLEE_DISCOUNT) ? score - CALLEE_EXPLAINS * explained : score;
      if (finalScore <= 0) {
        quiet.add(service);
        continue;
      }
      List<Evidence> evidence = new ArrayList<>(board.evidence(service));
      if (explainedBy != null) {
        evidence.add(
            new Evidence(
                "explained-by-callee",
                explained,
                "score lowered by %.2f because callee %s is anomalous too"
                    .formatted(CALLEE_EXPLAINS * explained, explainedBy)));
      }
      suspects.add(new RankedSuspect(service, finalScore, faultClass(board, service), evidence));
    }
    suspects.sort(
        Comparator.comparingDouble(RankedSuspect::score)
            .reversed()
            .thenComparing(RankedSuspect::service));
    // Below the noise everywhere: ranked last, by the largest deviation they showed.
    quiet.sort(
        Comparator.comparingDouble((String service) -> largestDeviation(board, service))
            .reversed()
            .thenComparing(service -> service));
    for (String service : quiet) {
      suspects.add(
          new RankedSuspect(service, 0, faultClass(board, service), board.evidence(service)));
    }
    return suspects;
  }

  private static double largestDeviation(SignalBoard board, String service) {
    double largest = 0;
    for (Map.Entry<Signal, Evidence> e : board.findings(service).entrySet()) {
      if (e.getKey().weight() > 0) {
        largest = Math.max(largest, e.getValue().strength());
      }
    }
    return largest;
  }

  static double contribution(Signal signal, double z) {
    return signal.weight() * Math.log1p(Math.max(0, z - NOISE));
  }

  private static FaultClass faultClass(SignalBoard board, String service) {
    Signal best = null;
    double top = 0;
    for (Map.Entry<Signal, Evidence> e : board.findings(service).entrySet()) {
      double part = contribution(e.getKey(), e.getValue().strength());
      if (part > top) {
        top = part;
        best = e.getKey();
      }
    }
    if (best == null) {
      return FaultClass.LATENCY;
    }
    if (best == Signal.BEHAVIOUR_LOST
        && contribution(Signal.LOG_ERRORS, board.strength(service, Signal.LOG_ERRORS)) > 0) {
      return FaultClass.ERRORS;
    }
    if (best == Signal.SELF_LATENCY
        && contribution(Signal.CPU, board.strength(service, Signal.CPU)) > 0) {
      return FaultClass.CPU;
    }
    return best.faultClass();
  }
}
