package io.srespace.fixer.state;

import io.srespace.events.ApprovalRequested;
import io.srespace.events.Event;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationRolledBack;
import io.srespace.events.RemediationVerified;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fixer's memory of its actions, built only from its own events on {@code fixer.actions}: replayed
 * at start-up, then fed every event it publishes. It answers the two questions that keep Fixer from
 * acting twice: was this diagnosis already acted on, and is an action of this incident open.
 */
public final class ActionLog {
  private final Map<String, ActionRecord> actions = new LinkedHashMap<>();
  private final Map<String, String> actionByDiagnosis = new LinkedHashMap<>();

  public synchronized void apply(Event<RemediationEvent> event) {
    RemediationEvent data = event.data();
    if (data instanceof RemediationRequested requested) {
      actions.putIfAbsent(
          requested.actionId(),
          new ActionRecord(
              requested.actionId(),
              event.incidentId(),
              event.issue(),
              requested.diagnosisEventId(),
              requested.plan(),
              ActionRecord.Phase.REQUESTED,
              event.occurredAt(),
              null,
              null));
      if (requested.diagnosisEventId() != null) {
        actionByDiagnosis.putIfAbsent(requested.diagnosisEventId(), requested.actionId());
      }
    } else if (data instanceof ApprovalRequested approval) {
      move(approval.actionId(), ActionRecord.Phase.AWAITING_APPROVAL);
    } else if (data instanceof RemediationApplied applied) {
      actions.computeIfPresent(
          applied.actionId(), (id, a) -> a.applied(event.occurredAt(), applied.pullRequestUrl()));
    } else if (data instanceof RemediationVerified verified) {
      move(verified.actionId(), ActionRecord.Phase.VERIFIED);
    } else if (data instanceof RemediationRolledBack rolledBack) {
      move(rolledBack.actionId(), ActionRecord.Phase.ROLLED_BACK);
    } else if (data instanceof RemediationFailed failed) {
      move(failed.actionId(), ActionRecord.Phase.FAILED);
    }
  }

  /**
   * Why a diagnosis is not acted on (again): its event was already acted on, or an action of the
   * incident has not finished; empty when it may be.
   */
  public synchronized Optional<String> whyNotAgain(String diagnosisEventId, String incidentId) {
    Optional<ActionRecord> done = forDiagnosis(diagnosisEventId);
    if (done.isPresent()) {
      return Optional.of(
          "diagnosis %s was already acted on (%s)"
              .formatted(diagnosisEventId, done.get().actionId()));
    }
    return openFor(incidentId)
        .map(open -> "a new diagnosis arrived while %s is not finished".formatted(open.actionId()));
  }

  /** The action taken on a diagnosis event, if one was. */
  public synchronized Optional<ActionRecord> forDiagnosis(String diagnosisEventId) {
    return Optional.ofNullable(actionByDiagnosis.get(diagnosisEventId)).map(actions::get);
  }

  /** The incident's action that has not finished, if there is one. */
  public synchronized Optional<ActionRecord> openFor(String incidentId) {
    return actions.values().stream()
        .filter(a -> a.incidentId().equals(incidentId) && !a.finished())
        .reduce((first, last) -> last);
  }

  /** Every action that has not finished, oldest first: what a restarted Fixer must account for. */
  public synchronized List<ActionRecord> unfinished() {
    return new ArrayList<>(actions.values().stream().filter(a -> !a.finished()).toList());
  }

  public synchronized int size() {
    return actions.size();
  }

  /** Every action it holds, in the order they were requested. */
  public synchronized List<ActionRecord> all() {
    return new ArrayList<>(actions.values());
  }

  /**
   * Forgets the finished actions requested before {@code horizon}: a diagnosis that old is refused
   * before this log is asked, and the guardrails' windows are shorter, so the log stays bounded.
   */
  public synchronized void forgetFinishedBefore(Instant horizon) {
    actions
        .values()
        .removeIf(
            a -> a.finished() && a.requestedAt() != null && a.requestedAt().isBefore(horizon));
    actionByDiagnosis.values().removeIf(actionId -> !actions.containsKey(actionId));
  }

  private void move(String actionId, ActionRecord.Phase phase) {
    actions.computeIfPresent(actionId, (id, a) -> a.at(phase));
  }
}
