package io.srespace.events;

/**
 * An applied change was undone; {@code revertRef} points at the reverting commit or pull request.
 */
public record RemediationRolledBack(
    String actionId, RemediationAction action, String service, String reason, String revertRef)
    implements RemediationEvent {
  public RemediationRolledBack {
    Fields.required(actionId, "actionId");
    Fields.required(reason, "reason");
  }
}
