package io.srespace.events;

/** The action was carried out; recovery is not yet proven. */
public record RemediationApplied(
    String actionId, RemediationAction action, String service, String detail, String pullRequestUrl)
    implements RemediationEvent {
  public RemediationApplied {
    Fields.required(actionId, "actionId");
    Fields.required(action, "action");
  }
}
