package io.srespace.demo.policy.faults;

import io.srespace.demo.faults.SwitchedFault;
import io.srespace.events.Fault;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * A bad business rule: the acceptance limit drops to zero, so every purchase is refused, answered
 * 200 with a reason, with no error anywhere. Quotes go on; conversion falls to nothing.
 */
@Singleton
public class ConversionBreakFault extends SwitchedFault {
  private static final double BROKEN_LIMIT = 0.0;

  @Override
  public Fault fault() {
    return Fault.CONVERSION_BREAK;
  }

  @Override
  public String symptom() {
    return "purchases are refused by the acceptance rule (HTTP 200, no errors); quotes continue";
  }

  /** The acceptance limit the broken rule imposes, or empty while the rule is sound. */
  public Optional<Double> limitOverride() {
    return isOn() ? Optional.of(BROKEN_LIMIT) : Optional.empty();
  }
}
