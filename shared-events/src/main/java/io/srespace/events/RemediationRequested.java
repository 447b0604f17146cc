package io.srespace.events;

/** Fixer accepted a diagnosis' plan and will carry it out as action {@code actionId}. */
public record RemediationRequested(String actionId, RemediationPlan plan, String diagnosisEventId)
    implements RemediationEvent {
  public RemediationRequested {
    Fields.required(actionId, "actionId");
    Fields.required(plan, "plan");
  }
}
