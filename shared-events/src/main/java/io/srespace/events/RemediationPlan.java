package io.srespace.events;

/**
 * What Brain proposes: an action on a service and why. {@code change} is present exactly when the
 * action is a pull request; {@code reverts} names the commit of a recorded deployment when the pull
 * request undoes it (its change sets the deployment's key back to its value before).
 */
public record RemediationPlan(
    RemediationAction action, String service, ConfigChange change, String reason, String reverts) {
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
    if (reverts != null && (reverts.isBlank() || action != RemediationAction.PULL_REQUEST)) {
      throw new IllegalArgumentException("a revert names its commit and is a pull request");
    }
  }

  /** A plan that undoes no deployment. */
  public RemediationPlan(
      RemediationAction action, String service, ConfigChange change, String reason) {
    this(action, service, change, reason, null);
  }
}
