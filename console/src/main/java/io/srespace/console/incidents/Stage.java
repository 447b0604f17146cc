package io.srespace.console.incidents;

/** A step of an incident's life, in the order an incident normally passes them. */
public enum Stage {
  DETECTED,
  GREW,
  DIAGNOSED,
  APPROVAL_PENDING,
  ACTION_REQUESTED,
  ACTION_APPLIED,
  ACTION_FAILED,
  ROLLED_BACK,
  VERIFIED,
  SYMPTOMS_CLEARED,
  POSTMORTEM,
  REMEMBERED
}
