package io.srespace.brain.investigation;

import io.srespace.brain.core.model.RankedSuspect;
import io.srespace.brain.core.model.Topology;
import io.srespace.brain.diagnosis.Confidence;
import io.srespace.brain.diagnosis.PlanChooser;
import io.srespace.brain.diagnosis.TraceAnalysis;
import io.srespace.brain.memory.PastIncidents;
import io.srespace.brain.memory.Recall;
import io.srespace.events.FaultClass;
import io.srespace.events.recall.SimilarIncident;
import io.srespace.knowledge.KnowledgeGraph;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a person's question about a problem with the evidence an incident would get: the services
 * and symptoms the text names, the traces of the last minutes against the minutes before, and
 * similar past incidents; the suggested root cause is where they agree.
 */
public final class Investigator {
  /** A service the text names, or the nearest verified past incident's, adds this to its score. */
  private static final double VOTE = 0.5;

  private final KnowledgeGraph graph;
  private final Optional<TraceAnalysis> traces;
  private final Optional<PastIncidents> memory;
  private final PlanChooser plans;
  private final Duration window;
  private final int recallK;
  private final Clock clock;

  public Investigator(
      KnowledgeGraph graph,
      Optional<TraceAnalysis> traces,
      Optional<PastIncidents> memory,
      PlanChooser plans,
      Duration window,
      int recallK,
      Clock clock) {
    this.graph = graph;
    this.traces = traces;
    this.memory = memory;
    this.plans = plans;
    this.window = window;
    this.recallK = recallK;
    this.clock = clock;
  }

  public Investigation investigate(Investigation question) {
    TextEntities entities = TextEntities.of(question.description(), graph);
    List<String> notes = new ArrayList<>();
    Instant end = clock.instant();
    Instant start = end.minus(window);

    Map<String, RankedSuspect> traced = Map.of();
    if (traces.isEmpty()) {
      notes.add("no trace store configured");
    } else {
      Set<String> services = new LinkedHashSet<>(entities.services());
      services.addAll(graph.services().keySet());
      traced =
          traces
              .get()
              .suspects(question.id(), services, start, end, new Topology(graph.callees()), notes);
    }
    List<SimilarIncident> similar = Recall.similar(memory, question.description(), recallK, notes);

    Map<String, Double> scores = new LinkedHashMap<>();
    double topTrace = traced.values().stream().mapToDouble(RankedSuspect::score).max().orElse(1);
    traced.forEach((s, suspect) -> scores.merge(s, suspect.score() / topTrace, Double::sum));
    entities.services().forEach(s -> scores.merge(s, VOTE, Double::sum));
    Optional<SimilarIncident> nearest =
        similar.stream().filter(SimilarIncident::verified).findFirst();
    nearest.ifPresent(
        past -> scores.merge(past.service(), VOTE * Math.max(0, 1 - past.distance()), Double::sum));

    List<Investigation.SuspectView> suspects =
        traced.values().stream()
            .map(
                s ->
                    new Investigation.SuspectView(
                        s.service(),
                        Math.round(s.score() * 1000) / 1000.0,
                        s.faultClass(),
                        s.evidence().stream().limit(3).map(Object::toString).toList()))
            .toList();
    Investigation.Evidence evidence =
        new Investigation.Evidence(start, end, suspects, similar, notes);
    Optional<Map.Entry<String, Double>> best =
        scores.entrySet().stream().max(Map.Entry.comparingByValue());
    if (best.isEmpty()) {
      notes.add(
          "no service is named, none stands out in the traces, and nothing similar is remembered");
      return done(question, entities, evidence, null, new Confidence(0, 0, 0), null);
    }
    String service = best.get().getKey();
    double second =
        scores.entrySet().stream()
            .filter(e -> !e.getKey().equals(service))
            .mapToDouble(Map.Entry::getValue)
            .max()
            .orElse(0);
    List<String> votes = new ArrayList<>();
    votes.add(traced.isEmpty() ? null : traced.keySet().iterator().next());
    votes.add(entities.services().size() == 1 ? entities.services().get(0) : null);
    votes.add(nearest.map(SimilarIncident::service).orElse(null));
    Confidence confidence = Confidence.of(best.get().getValue(), second, service, votes);
    FaultClass faultClass = faultClass(service, entities, traced, nearest);
    Investigation.RootCause rootCause =
        new Investigation.RootCause(
            service,
            faultClass,
            "%s on %s: %s"
                .formatted(faultClass.id(), service, reasons(service, entities, traced, nearest)));
    String action = PlanChooser.directive(plans.choose(service, faultClass, confidence));
    return done(question, entities, evidence, rootCause, confidence, action);
  }

  private static FaultClass faultClass(
      String service,
      TextEntities entities,
      Map<String, RankedSuspect> traced,
      Optional<SimilarIncident> nearest) {
    if (entities.suggestedClass() != null) {
      return entities.suggestedClass();
    }
    if (traced.containsKey(service)) {
      return traced.get(service).faultClass();
    }
    return nearest
        .filter(p -> service.equals(p.service()))
        .map(SimilarIncident::faultClass)
        .orElse(FaultClass.ERRORS);
  }

  private static String reasons(
      String service,
      TextEntities entities,
      Map<String, RankedSuspect> traced,
      Optional<SimilarIncident> nearest) {
    List<String> reasons = new ArrayList<>();
    if (entities.services().contains(service)) {
      reasons.add("named in the description");
    }
    if (traced.containsKey(service)) {
      reasons.add(
          "the traces' suspect ("
              + traced.get(service).evidence().stream()
                  .findFirst()
                  .map(Object::toString)
                  .orElse("score " + traced.get(service).score())
              + ")");
    }
    nearest
        .filter(p -> service.equals(p.service()))
        .ifPresent(
            p ->
                reasons.add(
                    "like past incident %s (distance %.3f)"
                        .formatted(p.incidentId(), p.distance())));
    return String.join("; ", reasons);
  }

  private Investigation done(
      Investigation question,
      TextEntities entities,
      Investigation.Evidence evidence,
      Investigation.RootCause rootCause,
      Confidence confidence,
      String action) {
    return new Investigation(
        question.id(),
        Investigation.Status.DONE,
        question.description(),
        question.submittedAt(),
        clock.instant(),
        entities,
        evidence,
        rootCause,
        new Investigation.ConfidenceView(
            confidence.level(), confidence.value(), confidence.margin(), confidence.agreement()),
        action,
        null);
  }
}
