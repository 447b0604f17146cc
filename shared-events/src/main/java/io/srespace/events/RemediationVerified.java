package io.srespace.events;

import java.time.Instant;

/** Recovery after the action was proven, by what {@code evidence} says. */
public record RemediationVerified(
    String actionId, RemediationAction action, String service, String evidence, Instant recoveredAt)
    implements RemediationEvent {
  public RemediationVerified {
    Fields.required(actionId, "actionId");
    Fields.required(evidence, "evidence");
    Fields.required(recoveredAt, "recoveredAt");
  }
}
