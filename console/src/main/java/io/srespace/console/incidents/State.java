package io.srespace.console.incidents;

/** Where an incident stands (the design's lifecycle), derived from the stages it has reached. */
public enum State {
  DETECTED,
  DIAGNOSED,
  AWAITING_APPROVAL,
  MITIGATING,
  VERIFYING,
  RESOLVED,
  ESCALATED
}
