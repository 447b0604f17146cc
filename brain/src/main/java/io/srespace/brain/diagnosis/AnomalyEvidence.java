package io.srespace.brain.diagnosis;

import io.srespace.events.Anomaly;
import io.srespace.events.FaultClass;
import io.srespace.events.Signal;
import io.srespace.knowledge.KnowledgeGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scout's evidence read as blame: each anomaly counts for the service it points at (the callee of a
 * caller's edge, the service deciding a broken journey), repeated windows of one signal count once,
 * and a caller loses half of what its anomalous callees explain, as in the analysis core.
 */
public final class AnomalyEvidence {

  /** Signals that name a cause rather than a symptom weigh this much more when naming the class. */
  private static final double CAUSE_WEIGHT = 1.5;

  private static final Set<Signal> CAUSES =
      EnumSet.of(
          Signal.HEALTH,
          Signal.NO_DATA,
          Signal.HEAP,
          Signal.DB_POOL,
          Signal.CONVERSION,
          Signal.CPU_THROTTLED,
          Signal.DISK_FULL);

  private static final double CALLEE_EXPLAINS = 0.5;

  /** One anomaly as blame on one service. */
  public record Finding(
      String service,
      Signal signal,
      FaultClass faultClass,
      double strength,
      boolean own,
      String detail,
      List<String> traceIds) {}

  private final Map<String, List<Finding>> findings;
  private final Map<String, Double> scores;

  private AnomalyEvidence(Map<String, List<Finding>> findings, Map<String, Double> scores) {
    this.findings = findings;
    this.scores = scores;
  }

  public static AnomalyEvidence of(List<Anomaly> anomalies, KnowledgeGraph graph) {
    Map<String, Finding> strongest = new LinkedHashMap<>();
    for (Anomaly anomaly : anomalies) {
      if (anomaly.signal() == Signal.TRAFFIC) {
        continue; // the load beside a failure blames no one (see Load)
      }
      Finding finding = blame(anomaly, graph);
      String key = anomaly.service() + "|" + anomaly.peer() + "|" + anomaly.signal();
      strongest.merge(key, finding, (a, b) -> a.strength() >= b.strength() ? a : b);
    }
    Map<String, List<Finding>> byService = new LinkedHashMap<>();
    strongest
        .values()
        .forEach(f -> byService.computeIfAbsent(f.service(), s -> new ArrayList<>()).add(f));
    Map<String, Double> raw = new LinkedHashMap<>();
    byService.forEach(
        (service, list) -> raw.put(service, list.stream().mapToDouble(Finding::strength).sum()));
    Map<String, Double> scores = new LinkedHashMap<>();
    raw.forEach(
        (service, score) -> {
          double explained = 0;
          for (String callee : graph.service(service).map(s -> s.dependsOn()).orElse(List.of())) {
            explained = Math.max(explained, Math.min(raw.getOrDefault(callee, 0.0), score));
          }
          scores.put(service, score - CALLEE_EXPLAINS * explained);
        });
    return new AnomalyEvidence(byService, scores);
  }

  /** Scores per service, after callers gave up what their callees explain. */
  public Map<String, Double> scores() {
    return scores;
  }

  /** The service Scout's evidence blames most, if any. */
  public Optional<String> top() {
    return scores.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
  }

  public List<Finding> findings(String service) {
    return findings.getOrDefault(service, List.of());
  }

  /** The class Scout's evidence gives a service: its weightiest finding's, causes first. */
  public Optional<FaultClass> faultClassOf(String service) {
    return findings(service).stream()
        .filter(f -> f.faultClass() != null)
        .max(
            Comparator.comparingDouble(
                f -> f.strength() * (CAUSES.contains(f.signal()) ? CAUSE_WEIGHT : 1)))
        .map(Finding::faultClass);
  }

  public List<String> traceIds(String service) {
    Set<String> ids = new LinkedHashSet<>();
    findings(service).forEach(f -> ids.addAll(f.traceIds()));
    return List.copyOf(ids);
  }

  private static Finding blame(Anomaly anomaly, KnowledgeGraph graph) {
    Signal signal = anomaly.signal();
    String target = anomaly.service();
    boolean own = true;
    if (anomaly.peer() != null) {
      target = graph.serviceAt(anomaly.peer()).orElse(anomaly.peer());
      own = false;
    } else if (signal == Signal.CONVERSION) {
      target = graph.journeyDecidedFrom(anomaly.service()).orElse(anomaly.service());
    }
    return new Finding(
        target,
        signal,
        faultClass(signal),
        strength(anomaly),
        own,
        describe(anomaly),
        anomaly.sampleTraceIds());
  }

  static FaultClass faultClass(Signal signal) {
    return switch (signal) {
      case HEALTH, NO_DATA -> FaultClass.UNAVAILABLE;
      case HEAP -> FaultClass.MEMORY;
      case DB_POOL -> FaultClass.RESOURCE_EXHAUSTION;
      case CPU_THROTTLED -> FaultClass.CPU;
      case DISK_FULL -> FaultClass.STORAGE;
      case CONVERSION -> FaultClass.WRONG_RESULT;
      case LATENCY -> FaultClass.LATENCY;
      case ERROR_RATE -> FaultClass.ERRORS;
      case TRAFFIC -> null;
    };
  }

  /**
   * How far the observation is from normal, on a log scale from 0.5 (barely) to 4 (sixteen times
   * normal or more); the floor keeps a normal of zero from making every deviation infinite.
   */
  static double strength(Anomaly anomaly) {
    double normal = Math.max(Math.abs(anomaly.baseline()), 0.01);
    double deviation = Math.abs(anomaly.observed() - anomaly.baseline()) / normal;
    return Math.max(0.5, Math.min(4, Math.log1p(deviation) / Math.log(2)));
  }

  /** One anomaly in a line: signal, where, observed against normal, when. */
  public static String describe(Anomaly anomaly) {
    String where =
        anomaly.peer() == null
            ? anomaly.service()
            : anomaly.service() + " calling " + anomaly.peer();
    String unit = anomaly.unit() == null || anomaly.unit().isBlank() ? "" : " " + anomaly.unit();
    return "%s on %s: %.3g%s (normal %.3g), %s – %s"
        .formatted(
            anomaly.signal().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            where,
            anomaly.observed(),
            unit,
            anomaly.baseline(),
            anomaly.window().start(),
            anomaly.window().end());
  }
}
