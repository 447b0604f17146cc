package io.srespace.brain.diagnosis;

import io.srespace.brain.core.model.RankedSuspect;
import io.srespace.brain.core.model.Topology;
import io.srespace.brain.llm.LlmAdvice;
import io.srespace.brain.llm.LlmAdvisor;
import io.srespace.brain.memory.PastIncidents;
import io.srespace.brain.memory.Recall;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.events.Signal;
import io.srespace.events.Suspect;
import io.srespace.events.recall.SimilarIncident;
import io.srespace.knowledge.KnowledgeGraph;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Diagnoses one incident: recalls similar past incidents first and reuses a close, verified fix;
 * otherwise reads the traces of the incident's window and baseline, runs the analysis core, fuses
 * its ranking with Scout's evidence and picks the plan from the knowledge graph.
 */
public final class Diagnoser {
  private static final Logger LOG = Logger.getLogger(Diagnoser.class);

  /** Scout's evidence weighs this many times the traces' in the fused ranking. */
  private static final double SCOUT_WEIGHT = 2;

  /** How far before the first anomaly the window starts, and how memory is used. */
  public record Settings(Duration lookBefore, double reuseDistance, int recallK) {}

  /** A diagnosis, with what it had to work with and how long it took. */
  public record Result(
      DiagnosisMade diagnosis,
      Confidence confidence,
      List<String> notes,
      Optional<SimilarIncident> reusedFrom,
      List<SimilarIncident> similar,
      Optional<LlmAdvice> llm,
      Duration took) {}

  private final KnowledgeGraph graph;
  private final PlanChooser plans;
  private final Optional<TraceAnalysis> traces;
  private final Optional<PastIncidents> memory;
  private final Optional<LlmAdvisor> llm;
  private final Settings settings;
  private final Clock clock;
  private final Optional<ChangeCorrelation> changes;

  public Diagnoser(
      KnowledgeGraph graph,
      PlanChooser plans,
      Optional<TraceAnalysis> traces,
      Optional<PastIncidents> memory,
      Optional<LlmAdvisor> llm,
      Settings settings,
      Clock clock) {
    this(graph, plans, traces, memory, llm, Optional.empty(), settings, clock);
  }

  /** {@code changes}: the recorded deployments an incident is correlated with, when read. */
  public Diagnoser(
      KnowledgeGraph graph,
      PlanChooser plans,
      Optional<TraceAnalysis> traces,
      Optional<PastIncidents> memory,
      Optional<LlmAdvisor> llm,
      Optional<ChangeCorrelation> changes,
      Settings settings,
      Clock clock) {
    this.graph = graph;
    this.changes = changes;
    this.llm = llm;
    this.plans = plans;
    this.traces = traces;
    this.memory = memory;
    this.settings = settings;
    this.clock = clock;
  }

  public Result diagnose(IncidentFacts facts) {
    long started = System.nanoTime();
    List<String> notes = new ArrayList<>();
    AnomalyEvidence scout = AnomalyEvidence.of(facts.anomalies(), graph);
    String query =
        Signature.query(
            facts.title(),
            facts.anomalies(),
            scout.top().orElse(null),
            scout.top().flatMap(scout::faultClassOf).orElse(null));
    List<SimilarIncident> similar = Recall.similar(memory, query, settings.recallK(), notes);

    List<Load> load = Load.of(facts.anomalies());
    Optional<SimilarIncident> reusable =
        load.isEmpty() ? reusable(similar, scout) : Optional.empty();
    if (!load.isEmpty()) {
      notes.add("traffic far above normal: no remembered fix is reused before the load is weighed");
    }
    boolean changed =
        changes.map(c -> c.anyRecent(scout.scores().keySet(), facts.firstSeen())).orElse(false);
    if (reusable.isPresent() && !changed) {
      return reuse(facts, scout, reusable.get(), similar, notes, started);
    }
    if (reusable.isPresent()) {
      notes.add(
          "a remembered fix (%s) was not reused: a suspect was deployed shortly before"
              .formatted(reusable.get().incidentId()));
    }
    Map<String, RankedSuspect> core = traceSuspects(facts, notes);
    return fresh(facts, scout, core, load, similar, notes, started);
  }

  /**
   * A remembered incident close enough to reuse: its fix was verified, and it names the service and
   * fault class Scout's evidence points at now.
   */
  private Optional<SimilarIncident> reusable(List<SimilarIncident> similar, AnomalyEvidence scout) {
    Optional<String> top = scout.top();
    if (top.isEmpty()) {
      return Optional.empty();
    }
    return similar.stream()
        .filter(SimilarIncident::verified)
        .filter(s -> s.distance() <= settings.reuseDistance())
        .filter(s -> top.get().equals(s.service()))
        .filter(s -> scout.faultClassOf(s.service()).map(c -> c == s.faultClass()).orElse(false))
        .filter(s -> s.action() != RemediationAction.ESCALATE)
        .filter(s -> s.action() != RemediationAction.PULL_REQUEST || s.change() != null)
        // A remembered revert undid one commit; a rule's fix may be repeated, a revert may not.
        .filter(s -> s.action() != RemediationAction.PULL_REQUEST || ruleSets(s))
        // Nor is a restart, when only the service's callers see it fail now.
        .filter(
            s ->
                s.action() != RemediationAction.RESTART
                    || !seenOnlyByCallers(s.service(), s.faultClass(), scout))
        .min(Comparator.comparingDouble(SimilarIncident::distance));
  }

  /** Whether the knowledge graph's rule for the remembered fault sets the key it changed. */
  private boolean ruleSets(SimilarIncident past) {
    return graph
        .remediation(past.service(), past.faultClass())
        .filter(rule -> rule.action() == RemediationAction.PULL_REQUEST)
        .filter(rule -> rule.key().equals(past.change().key()))
        .isPresent();
  }

  private Result reuse(
      IncidentFacts facts,
      AnomalyEvidence scout,
      SimilarIncident past,
      List<SimilarIncident> similar,
      List<String> notes,
      long started) {
    List<Suspect> suspects = suspects(normalised(scout.scores()), scout, Map.of());
    double second = suspects.size() > 1 ? suspects.get(1).score() : 0;
    // Memory votes for its service by how close it is: at the reuse threshold it counts half.
    double closeness = 1 - past.distance() / (2 * settings.reuseDistance());
    Confidence confidence =
        Confidence.of(
            suspects.get(0).score(),
            second,
            past.service(),
            List.of(scout.top().orElse(""), closeness >= 0.5 ? past.service() : ""));
    String why =
        "the same fault as %s (%s, distance %.3f) was fixed this way and verified"
            .formatted(past.incidentId(), issueOf(past), past.distance());
    RemediationPlan plan =
        past.action() == RemediationAction.PULL_REQUEST
            ? plans.repeat(past.service(), past.change(), why)
            : new RemediationPlan(past.action(), past.service(), null, why);
    notes.add("traces not read: a verified fix of the same fault was remembered");
    DiagnosisMade made =
        new DiagnosisMade(
            suspects,
            past.faultClass(),
            confidence.value(),
            plan,
            "%s: %s on %s, as in %s (%s); reusing its %s"
                .formatted(
                    facts.incidentId(),
                    past.faultClass().id(),
                    past.service(),
                    past.incidentId(),
                    issueOf(past),
                    past.action().name().toLowerCase().replace('_', ' ')),
            similar.stream().map(SimilarIncident::incidentId).toList());
    return new Result(
        made, confidence, notes, Optional.of(past), similar, Optional.empty(), elapsed(started));
  }

  private Result fresh(
      IncidentFacts facts,
      AnomalyEvidence scout,
      Map<String, RankedSuspect> core,
      List<Load> load,
      List<SimilarIncident> similar,
      List<String> notes,
      long started) {
    Map<String, Double> coreScores = new LinkedHashMap<>();
    core.forEach((s, suspect) -> coreScores.put(s, suspect.score()));
    Map<String, Double> fused = new LinkedHashMap<>();
    normalised(scout.scores()).forEach((s, v) -> fused.merge(s, SCOUT_WEIGHT * v, Double::sum));
    normalised(coreScores).forEach((s, v) -> fused.merge(s, v, Double::sum));
    List<Suspect> suspects = suspects(normalised(fused), scout, core);
    if (suspects.isEmpty()) {
      throw new IllegalStateException("an incident without any evidence cannot be diagnosed");
    }
    // The model may only reorder suspects the knowledge graph knows: a name from telemetry alone
    // never reaches its prompt, so it can never become the plan's target through it.
    List<Suspect> known = suspects.stream().filter(s -> graph.knows(s.service())).toList();
    Optional<LlmAdvice> advice =
        known.isEmpty()
            ? Optional.empty()
            : llm.flatMap(l -> l.advise(facts.incidentId(), facts.title(), known, notes));
    List<Suspect> advised = advice.map(a -> pickedFirst(suspects, a, notes)).orElse(suspects);
    // A recorded deployment of a suspect just before the failure is evidence of its own: that
    // suspect goes first and the deployment votes for it.
    Optional<ChangeCorrelation.Suspected> change =
        changes.flatMap(c -> c.suspect(advised, facts.firstSeen()));
    List<Suspect> ranked = change.map(c -> first(advised, c.suspect().service())).orElse(advised);
    Suspect top = ranked.get(0);
    double second = ranked.stream().skip(1).mapToDouble(Suspect::score).max().orElse(0);
    List<String> votes = new ArrayList<>();
    votes.add(scout.top().orElse(null));
    votes.add(topOf(coreScores));
    advice.ifPresent(a -> votes.add(a.pick()));
    change.ifPresent(c -> votes.add(c.suspect().service()));
    Confidence confidence =
        Confidence.of(Math.max(top.score(), second), second, top.service(), votes);
    RemediationPlan plan =
        change.isPresent()
            ? plans.revert(change.get(), facts.firstSeen(), confidence)
            : plans.choose(top.service(), top.faultClass(), confidence);
    if (plan.action() == RemediationAction.RESTART
        && seenOnlyByCallers(top.service(), top.faultClass(), scout)) {
      plan =
          new RemediationPlan(
              RemediationAction.ESCALATE,
              top.service(),
              null,
              ("its callers see %s on %s, but its own spans, metrics and probes do not: the time"
                      + " or the failures are on the way between them (the network, or the"
                      + " callers' side), which a restart of %s would not remove; owner %s")
                  .formatted(
                      top.faultClass().id(),
                      top.service(),
                      top.service(),
                      graph.owner(top.service())));
    }
    FaultClass faultClass = top.faultClass();
    if (!load.isEmpty() && change.isEmpty() && overloaded(top, scout)) {
      faultClass = FaultClass.CAPACITY;
      plan =
          new RemediationPlan(RemediationAction.ESCALATE, top.service(), null, capacity(top, load));
    }
    DiagnosisMade made =
        new DiagnosisMade(
            ranked,
            faultClass,
            confidence.value(),
            plan,
            "%s on %s%s"
                .formatted(
                    faultClass.id(),
                    top.service(),
                    top.evidence().isEmpty() ? "" : ": " + top.evidence().get(0)),
            similar.stream().map(SimilarIncident::incidentId).toList());
    return new Result(made, confidence, notes, Optional.empty(), similar, advice, elapsed(started));
  }

  /**
   * Whether the suspect, under far more requests than normal, shows only what load does: latency,
   * or errors its callers see while it throws none of its own. A process that is down, a heap or a
   * pool running out, or a service failing its own requests keeps its class.
   */
  private static boolean overloaded(Suspect top, AnomalyEvidence scout) {
    return top.faultClass() == FaultClass.LATENCY
        || (top.faultClass() == FaultClass.ERRORS
            && scout.findings(top.service()).stream()
                .noneMatch(f -> f.own() && f.signal() == Signal.ERROR_RATE));
  }

  /** Capacity, escalated: the load observed, and what would carry it. */
  private String capacity(Suspect top, List<Load> load) {
    double times = load.stream().mapToDouble(Load::times).max().orElse(1);
    return ("load, not a fault: %s; nothing of %s's own fails. A restart would take capacity away"
            + " under the load. Suggested: about %d instances of %s (one runs now) and its pools"
            + " sized for ×%.1f the requests, or load shed at the entry; owner %s")
        .formatted(
            load.stream().map(Load::describe).collect(Collectors.joining(", ")),
            top.service(),
            (int) Math.ceil(times),
            top.service(),
            times,
            graph.owner(top.service()));
  }

  /**
   * Whether Scout's evidence against the service is only its callers' view of their calls to it
   * (latency or errors), with no finding of its own: it answers its own work as usual.
   */
  private static boolean seenOnlyByCallers(
      String service, FaultClass faultClass, AnomalyEvidence scout) {
    List<AnomalyEvidence.Finding> findings = scout.findings(service);
    boolean symptom = faultClass == FaultClass.LATENCY || faultClass == FaultClass.ERRORS;
    return symptom
        && !findings.isEmpty()
        && findings.stream().noneMatch(AnomalyEvidence.Finding::own);
  }

  /** The suspects with {@code service} first, the others in their order. */
  private static List<Suspect> first(List<Suspect> suspects, String service) {
    List<Suspect> ranked = new ArrayList<>();
    suspects.stream().filter(s -> s.service().equals(service)).forEach(ranked::add);
    suspects.stream().filter(s -> !s.service().equals(service)).forEach(ranked::add);
    return ranked;
  }

  /** The suspects with the model's pick first, the others in their order. */
  private static List<Suspect> pickedFirst(
      List<Suspect> suspects, LlmAdvice advice, List<String> notes) {
    if (suspects.get(0).service().equals(advice.pick())) {
      return suspects;
    }
    notes.add(
        "the LLM put %s first instead of %s: %s"
            .formatted(advice.pick(), suspects.get(0).service(), advice.reason()));
    return first(suspects, advice.pick());
  }

  /** The analysis core's suspects from the traces of the incident's window against its baseline. */
  private Map<String, RankedSuspect> traceSuspects(IncidentFacts facts, List<String> notes) {
    if (traces.isEmpty()) {
      notes.add("no trace store configured: ranked on Scout's evidence only");
      return Map.of();
    }
    Set<String> services = new LinkedHashSet<>(graph.services().keySet());
    services.addAll(facts.services());
    return traces
        .get()
        .suspects(
            facts.incidentId(),
            services,
            facts.firstSeen().minus(settings.lookBefore()),
            clock.instant(),
            new Topology(graph.callees()),
            notes);
  }

  private List<Suspect> suspects(
      Map<String, Double> scores, AnomalyEvidence scout, Map<String, RankedSuspect> core) {
    return scores.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> suspect(e.getKey(), e.getValue(), scout, core.get(e.getKey())))
        .toList();
  }

  private static Suspect suspect(
      String service, double score, AnomalyEvidence scout, RankedSuspect traced) {
    List<String> evidence = new ArrayList<>();
    scout.findings(service).forEach(f -> evidence.add("Scout: " + f.detail()));
    if (traced != null) {
      traced.evidence().stream().limit(3).forEach(e -> evidence.add("traces: " + e));
    }
    FaultClass faultClass =
        scout
            .faultClassOf(service)
            .orElse(traced != null ? traced.faultClass() : FaultClass.ERRORS);
    return new Suspect(
        service, Math.round(score * 1000) / 1000.0, faultClass, evidence, scout.traceIds(service));
  }

  private static String topOf(Map<String, Double> scores) {
    return scores.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** Scores scaled so the highest is 1. */
  private static Map<String, Double> normalised(Map<String, Double> scores) {
    double max = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    Map<String, Double> scaled = new LinkedHashMap<>();
    scores.forEach((s, v) -> scaled.put(s, max > 0 ? v / max : 0));
    return scaled;
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  static String issueOf(SimilarIncident past) {
    return past.issue() == null ? "no issue recorded" : "issue " + past.issue();
  }
}
