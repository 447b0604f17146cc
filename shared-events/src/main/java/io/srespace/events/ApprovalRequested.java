package io.srespace.events;

import java.time.Instant;
import java.util.List;

/**
 * A high-risk action waits for one of {@code approvers} to answer on the issue before the deadline.
 */
public record ApprovalRequested(
    String actionId, RemediationPlan plan, List<String> approvers, Instant deadline)
    implements RemediationEvent {
  public ApprovalRequested {
    Fields.required(actionId, "actionId");
    Fields.required(plan, "plan");
    Fields.required(deadline, "deadline");
    approvers = Fields.listOf(approvers);
  }
}
