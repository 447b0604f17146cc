package io.srespace.events;

import java.util.List;

/** One service a diagnosis considered, with its score and the evidence behind it. */
public record Suspect(
    String service,
    double score,
    FaultClass faultClass,
    List<String> evidence,
    List<String> traceIds) {
  public Suspect {
    Fields.required(service, "service");
    evidence = Fields.listOf(evidence);
    traceIds = Fields.listOf(traceIds);
  }
}
