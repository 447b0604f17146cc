package io.srespace.events;

/** Every step Fixer takes, and its outcome, on {@code fixer.actions}. */
public sealed interface RemediationEvent extends EventPayload, IncidentScoped
    permits RemediationRequested,
        ApprovalRequested,
        RemediationApplied,
        RemediationFailed,
        RemediationVerified,
        RemediationRolledBack {

  /** Identifies one action across its request, approval, outcome and verification. */
  String actionId();
}
