package io.srespace.events;

/**
 * The action could not be carried out, or did not bring recovery; {@code escalated} says a human
 * now owns it.
 */
public record RemediationFailed(
    String actionId, RemediationAction action, String service, String reason, boolean escalated)
    implements RemediationEvent {
  public RemediationFailed {
    Fields.required(actionId, "actionId");
    Fields.required(reason, "reason");
  }
}
