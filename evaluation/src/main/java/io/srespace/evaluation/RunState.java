package io.srespace.evaluation;

import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Suspect;
import io.srespace.events.SymptomsCleared;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How far the agents have taken the incident a fault caused, read from the timeline alone: the
 * first incident Scout opened after the injection and what Brain and Fixer then said about it.
 */
record RunState(
    Instant injectedAt,
    Event<IncidentOpened> incident,
    List<Event<IncidentOpened>> incidents,
    Event<DiagnosisMade> diagnosis,
    Event<RemediationRequested> requested,
    Event<RemediationApplied> applied,
    Event<RemediationFailed> failed,
    Event<RemediationVerified> verified,
    Event<SymptomsCleared> cleared,
    Event<PostmortemWritten> postmortem) {

  /**
   * The state after the events that arrived in a run: the incident is the first opened at or after
   * {@code injectedAt} and no later than {@code detectBy}; every incident opened since the
   * injection is counted.
   */
  static RunState of(Instant injectedAt, Instant detectBy, List<Event<EventPayload>> events) {
    return of(injectedAt, detectBy, events, null);
  }

  /**
   * The same, for one of two overlapping faults: the incident must also name {@code service} among
   * its services (null: any incident), since the other fault's incident opens meanwhile.
   */
  static RunState of(
      Instant injectedAt, Instant detectBy, List<Event<EventPayload>> events, String service) {
    // An incident names the service when it opened with it or spread to it later.
    Set<String> spread =
        service == null
            ? Set.of()
            : TimelineConsumer.of(
                    events, IncidentUpdated.class, e -> e.data().services().contains(service))
                .stream()
                .map(Event::incidentId)
                .collect(Collectors.toSet());
    List<Event<IncidentOpened>> incidents =
        TimelineConsumer.of(events, IncidentOpened.class, e -> !e.occurredAt().isBefore(injectedAt))
            .stream()
            .filter(
                e ->
                    service == null
                        || e.data().services().contains(service)
                        || spread.contains(e.incidentId()))
            .sorted(Comparator.comparing(Event::occurredAt))
            .toList();
    Event<IncidentOpened> incident =
        incidents.stream().filter(e -> !e.occurredAt().isAfter(detectBy)).findFirst().orElse(null);
    if (incident == null) {
      return new RunState(injectedAt, null, incidents, null, null, null, null, null, null, null);
    }
    String id = incident.incidentId();
    return new RunState(
        injectedAt,
        incident,
        incidents,
        first(events, DiagnosisMade.class, id),
        first(events, RemediationRequested.class, id),
        first(events, RemediationApplied.class, id),
        TimelineConsumer.of(events, RemediationFailed.class, e -> id.equals(e.incidentId()))
            .stream()
            .min(
                Comparator.<Event<RemediationFailed>, Boolean>comparing(e -> !e.data().escalated())
                    .thenComparing(Event::occurredAt))
            .orElse(null),
        first(events, RemediationVerified.class, id),
        first(events, SymptomsCleared.class, id),
        first(events, PostmortemWritten.class, id));
  }

  private static <P extends EventPayload> Event<P> first(
      List<Event<EventPayload>> events, Class<P> type, String incidentId) {
    return TimelineConsumer.of(events, type, e -> incidentId.equals(e.incidentId())).stream()
        .min(Comparator.comparing(Event::occurredAt))
        .orElse(null);
  }

  Optional<Suspect> topSuspect() {
    return diagnosis == null || diagnosis.data().suspects().isEmpty()
        ? Optional.empty()
        : Optional.of(diagnosis.data().suspects().get(0));
  }

  Optional<String> diagnosedFaultClass() {
    return Optional.ofNullable(diagnosis).map(d -> d.data().faultClass()).map(FaultClass::id);
  }

  boolean diagnosisOk(Scenario scenario) {
    return topSuspect().isPresent()
        && diagnosedFaultClass().isPresent()
        && scenario.diagnosisMatches(topSuspect().get().service(), diagnosedFaultClass().get());
  }

  /** Whether Brain's plan is the scenario's right action. */
  boolean planOk(Scenario scenario) {
    return diagnosis != null
        && scenario.actionMatches(
            diagnosis.data().plan().action().name(),
            diagnosis.data().plan().service(),
            diagnosis.data().plan().reverts() != null);
  }

  /**
   * Whether what was done is the scenario's right action: the restart or pull request Fixer applied
   * (on {@code fixer.actions}), on the right service, a revert where one is right; or, for an
   * escalation, nothing applied and the incident handed to a person about the right service.
   */
  boolean actionOk(Scenario scenario) {
    if (scenario.rightAction().action().equals("escalate")) {
      return applied == null && escalated() && planOk(scenario);
    }
    return applied != null
        && requested != null
        && scenario.actionMatches(
            applied.data().action().name(),
            applied.data().service(),
            requested.data().plan().reverts() != null);
  }

  /** Brain chose to hand the incident to a person, or Fixer gave up on its action. */
  boolean escalated() {
    return (diagnosis != null && diagnosis.data().plan().action() == RemediationAction.ESCALATE)
        || (failed != null && failed.data().escalated());
  }

  String escalationReason() {
    if (diagnosis != null && diagnosis.data().plan().action() == RemediationAction.ESCALATE) {
      return "Brain escalated: " + diagnosis.data().plan().reason();
    }
    return failed == null ? "" : "Fixer escalated: " + failed.data().reason();
  }

  /** The next stage the incident has not reached, for a run that ran out of time. */
  String missing() {
    if (incident == null) {
      return "an incident";
    }
    if (diagnosis == null) {
      return "a diagnosis";
    }
    if (requested == null) {
      return "Fixer's action";
    }
    if (verified == null) {
      return applied == null ? "the action to be applied" : "verified recovery";
    }
    return postmortem == null ? "the post-mortem" : "Memory and the board";
  }

  Double ttd() {
    return since(incident);
  }

  Double ttdiag() {
    return since(diagnosis);
  }

  Double ttm() {
    return since(verified);
  }

  Double ttPostmortem() {
    return since(postmortem);
  }

  private Double since(Event<?> event) {
    return event == null ? null : seconds(injectedAt, event.occurredAt());
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
