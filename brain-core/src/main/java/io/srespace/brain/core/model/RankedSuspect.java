package io.srespace.brain.core.model;

import io.srespace.events.FaultClass;
import java.util.List;

/** A service suspected of being the root cause, with its score and the evidence for it. */
public record RankedSuspect(
    String service, double score, FaultClass faultClass, List<Evidence> evidence) {

  public RankedSuspect {
    evidence = List.copyOf(evidence);
  }
}
