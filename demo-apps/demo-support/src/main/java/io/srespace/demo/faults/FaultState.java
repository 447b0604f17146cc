package io.srespace.demo.faults;

import io.srespace.events.Fault;
import java.time.Instant;

/** What the admin listing says of one fault. {@code since}, {@code until} are null when unset. */
public record FaultState(
    Fault fault,
    boolean active,
    double intensity,
    String intensityUnit,
    double defaultIntensity,
    Instant since,
    Instant until,
    String symptom) {}
