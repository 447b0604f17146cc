package io.srespace.demo.faults;

import io.srespace.events.Fault;
import java.time.Instant;
import java.util.Optional;

/**
 * One fault a service can be made to suffer, off until turned on. Implementations are CDI beans;
 * the {@link FaultSwitchboard} finds them, so a service offers exactly the faults it has beans for.
 */
public interface FaultSwitch {
  Fault fault();

  /** What people will see while it is on, for the admin listing. */
  String symptom();

  /** The intensity used when none is given, in the unit {@link #intensityUnit()} names. */
  double defaultIntensity();

  String intensityUnit();

  /** Turns the fault on, or changes its intensity while on; rejects an intensity out of range. */
  void turnOn(double intensity);

  void turnOff();

  /**
   * Whether the condition it models outlives the process: a batch job of the deployment holding the
   * database pool does, and a restart must not heal it; a leak, a crash or a slow path in the JVM's
   * own state do not.
   */
  default boolean survivesRestart() {
    return false;
  }

  /**
   * When, going on at its pace, the condition it builds takes the service down (a leak's heap runs
   * out); empty when it is off or takes nothing down by itself. Ground truth for evaluators only.
   */
  default Optional<Instant> downAt() {
    return Optional.empty();
  }
}
