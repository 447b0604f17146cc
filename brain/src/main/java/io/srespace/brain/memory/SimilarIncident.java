package io.srespace.brain.memory;

import io.srespace.events.ConfigChange;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;

/** A past incident Memory found close to a new one, with how it was fixed and how close it is. */
public record SimilarIncident(
    String incidentId,
    double distance,
    String title,
    String service,
    FaultClass faultClass,
    RemediationAction action,
    String outcome,
    String issue,
    ConfigChange change,
    String rootCause) {

  /** Whether the remembered fix was proven to work. */
  public boolean verified() {
    return "verified".equals(outcome);
  }
}
