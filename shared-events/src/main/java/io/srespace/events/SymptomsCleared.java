package io.srespace.events;

import java.time.Instant;

/** Every signal of the incident has been normal for {@code quietSeconds}: proof of recovery. */
public record SymptomsCleared(Instant lastAnomalyAt, long quietSeconds) implements IncidentEvent {
  public SymptomsCleared {
    Fields.required(lastAnomalyAt, "lastAnomalyAt");
  }
}
