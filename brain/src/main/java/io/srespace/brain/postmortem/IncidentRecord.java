package io.srespace.brain.postmortem;

import io.srespace.brain.diagnosis.Diagnoser;
import io.srespace.brain.diagnosis.IncidentFacts;
import io.srespace.events.Event;
import io.srespace.events.RemediationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything Brain knows of one incident, in order: Scout's facts, its diagnosis, Fixer's actions.
 */
public final class IncidentRecord {
  private final IncidentFacts facts;
  private Integer issue;
  private Diagnoser.Result diagnosis;
  private Instant diagnosedAt;
  private Instant symptomsClearedAt;
  private final List<Event<RemediationEvent>> actions = new ArrayList<>();

  public IncidentRecord(IncidentFacts facts) {
    this.facts = facts;
  }

  public IncidentFacts facts() {
    return facts;
  }

  public synchronized Integer issue() {
    return issue;
  }

  public synchronized void issue(int number) {
    issue = number;
  }

  public synchronized Diagnoser.Result diagnosis() {
    return diagnosis;
  }

  public synchronized Instant diagnosedAt() {
    return diagnosedAt;
  }

  public synchronized void diagnosed(Diagnoser.Result result, Instant at) {
    diagnosis = result;
    diagnosedAt = at;
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
