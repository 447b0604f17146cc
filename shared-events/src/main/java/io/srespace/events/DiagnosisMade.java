package io.srespace.events;

import java.util.List;

/**
 * Brain's answer for an incident: suspects ranked most likely first, the fault class, how sure it
 * is (derived from the evidence), the plan, and the past incidents it drew on.
 */
public record DiagnosisMade(
    List<Suspect> suspects,
    FaultClass faultClass,
    double confidence,
    RemediationPlan plan,
    String summary,
    List<String> similarIncidents)
    implements DiagnosisEvent {
  public DiagnosisMade {
    suspects = Fields.listOf(suspects);
    Fields.required(plan, "plan");
    if (confidence < 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence must be within [0, 1], was " + confidence);
    }
    similarIncidents = Fields.listOf(similarIncidents);
  }
}
