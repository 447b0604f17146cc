package io.srespace.demo.faults;

import io.srespace.events.Fault;
import java.time.Instant;

/**
 * What the admin listing says of one fault. {@code since}, {@code until} are null when unset;
 * {@code downAt}, when the fault going on would take the service down, is null when it would not.
 */
public record FaultState(
    Fault fault,
    boolean active,
    double intensity,
    String intensityUnit,
    double defaultIntensity,
    Instant since,
    Instant until,
    String symptom,
    Instant downAt) {

  /** The same state, saying when the fault would take the service down. */
  FaultState downAt(Instant at) {
    return new FaultState(
        fault, active, intensity, intensityUnit, defaultIntensity, since, until, symptom, at);
  }
}
