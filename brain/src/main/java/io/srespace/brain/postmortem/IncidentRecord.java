package io.srespace.brain.postmortem;

import io.srespace.brain.diagnosis.Diagnoser;
import io.srespace.brain.diagnosis.IncidentFacts;
import io.srespace.events.Event;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Brain knows of one incident, in order: Scout's facts, its diagnosis, Fixer's actions.
 */
public final class IncidentRecord {
  private final IncidentFacts facts;
  private final Integer issue;
  private Diagnoser.Result diagnosis;
  private final Map<String, Diagnoser.Result> diagnoses = new LinkedHashMap<>();
  private Instant diagnosedAt;
  private Instant symptomsClearedAt;
  private final List<Event<RemediationEvent>> actions = new ArrayList<>();

  /** The record of an incident whose {@code IncidentOpened} named {@code issue} (null: none). */
  public IncidentRecord(IncidentFacts facts, Integer issue) {
    this.facts = facts;
    this.issue = issue;
  }

  public IncidentFacts facts() {
    return facts;
  }

  public Integer issue() {
    return issue;
  }

  public synchronized Diagnoser.Result diagnosis() {
    return diagnosis;
  }

  public synchronized Instant diagnosedAt() {
    return diagnosedAt;
  }

  /**
   * Keeps a diagnosis Brain published as event {@code eventId}; the latest is {@link #diagnosis}.
   */
  public synchronized void diagnosed(Diagnoser.Result result, Instant at, String eventId) {
    diagnosis = result;
    diagnosedAt = at;
    diagnoses.put(eventId, result);
  }

  /**
   * The diagnosis Fixer carried out (its latest request names the diagnosis event), or the latest
   * one when Fixer named none Brain knows.
   */
  public synchronized Diagnoser.Result actedOn() {
    for (int i = actions.size() - 1; i >= 0; i--) {
      if (actions.get(i).data() instanceof RemediationRequested requested
          && diagnoses.containsKey(requested.diagnosisEventId())) {
        return diagnoses.get(requested.diagnosisEventId());
      }
    }
    return diagnosis;
  }

  /** Whether Fixer has taken up a diagnosis of this incident. */
  public synchronized boolean actionRequested() {
    return actions.stream().anyMatch(event -> event.data() instanceof RemediationRequested);
  }

  public synchronized Instant symptomsClearedAt() {
    return symptomsClearedAt;
  }

  public synchronized void symptomsCleared(Instant at) {
    symptomsClearedAt = at;
  }

  public synchronized void action(Event<RemediationEvent> event) {
    actions.add(event);
  }

  public synchronized List<Event<RemediationEvent>> actions() {
    return List.copyOf(actions);
  }
}
