package io.srespace.demo.policy.faults;

import io.srespace.demo.faults.FaultSwitch;
import io.srespace.events.Fault;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * A bad business rule: the acceptance limit drops to zero, so every purchase is refused, answered
 * 200 with a reason, with no error anywhere. Quotes go on; conversion falls to nothing.
 */
@Singleton
public class ConversionBreakFault implements FaultSwitch {
  private static final double BROKEN_LIMIT = 0.0;
  private volatile boolean broken;

  @Override
  public Fault fault() {
    return Fault.CONVERSION_BREAK;
  }

  @Override
  public String symptom() {
    return "purchases are refused by the acceptance rule (HTTP 200, no errors); quotes continue";
  }

  @Override
  public double defaultIntensity() {
    return 1;
  }

  @Override
  public String intensityUnit() {
    return "(unused)";
  }

  @Override
  public void turnOn(double intensity) {
    broken = true;
  }

  @Override
  public void turnOff() {
    broken = false;
  }

  /** The acceptance limit the broken rule imposes, or empty while the rule is sound. */
  public Optional<Double> limitOverride() {
    return broken ? Optional.of(BROKEN_LIMIT) : Optional.empty();
  }
}
