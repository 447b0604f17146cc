package io.srespace.demo.policy.policies;

/**
 * ISSUED with the new policy's id, or REJECTED with the rule's reason (a normal answer, not an
 * error).
 */
public record IssueOutcome(String status, String policyId, String reason) {
  static IssueOutcome issued(String policyId) {
    return new IssueOutcome("ISSUED", policyId, null);
  }

  static IssueOutcome rejected(String reason) {
    return new IssueOutcome("REJECTED", null, reason);
  }
}
