package io.srespace.fixer.state;

import io.srespace.events.RemediationPlan;
import java.time.Instant;

/**
 * One action as Fixer's own events tell it: what was asked, for which diagnosis, how far it got.
 */
public record ActionRecord(
    String actionId,
    String incidentId,
    Integer issue,
    String diagnosisEventId,
    RemediationPlan plan,
    Phase phase,
    Instant requestedAt,
    Instant appliedAt,
    String pullRequest) {

  /** How far an action got; the last three are final. */
  public enum Phase {
    REQUESTED,
    AWAITING_APPROVAL,
    APPLIED,
    VERIFIED,
    FAILED,
    ROLLED_BACK
  }

  public boolean finished() {
    return phase == Phase.VERIFIED || phase == Phase.FAILED;
  }

  ActionRecord at(Phase next) {
    return new ActionRecord(
        actionId,
        incidentId,
        issue,
        diagnosisEventId,
        plan,
        next,
        requestedAt,
        appliedAt,
        pullRequest);
  }

  ActionRecord applied(Instant at, String pr) {
    return new ActionRecord(
        actionId, incidentId, issue, diagnosisEventId, plan, Phase.APPLIED, requestedAt, at, pr);
  }
}
