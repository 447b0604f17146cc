package io.srespace.events;

import java.time.Instant;

/** When an incident passed each stage; a stage it never reached is null. */
public record IncidentTimeline(
    Instant detectedAt, Instant diagnosedAt, Instant mitigatedAt, Instant resolvedAt) {
  public IncidentTimeline {
    Fields.required(detectedAt, "detectedAt");
  }
}
