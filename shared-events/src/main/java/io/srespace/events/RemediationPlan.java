package io.srespace.events;

/**
 * What Brain proposes: an action on a service and why. {@code change} is present exactly when the
 * action is a pull request.
 */
public record RemediationPlan(
    RemediationAction action, String service, ConfigChange change, String reason) {
  public RemediationPlan {
    Fields.required(action, "action");
    Fields.required(reason, "reason");
    if (action != RemediationAction.ESCALATE) {
      Fields.required(service, "service");
    }
    if ((action == RemediationAction.PULL_REQUEST) != (change != null)) {
      throw new IllegalArgumentException(
          "a configuration change goes with a pull request, and only with one");
    }
  }
}
