package io.srespace.demo.policy.policies;

import io.srespace.demo.policy.faults.ConversionBreakFault;
import io.srespace.demo.policy.pricing.PricingConfig;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Decides whether a purchase is accepted: its risk score must not exceed the acceptance limit. */
@Singleton
public class AcceptanceRule {
  private final PricingConfig config;
  private final ConversionBreakFault breakage;

  public AcceptanceRule(PricingConfig config, ConversionBreakFault breakage) {
    this.config = config;
    this.breakage = breakage;
  }

  /** Why the purchase is refused, or empty when it is accepted. */
  public Optional<String> refusal(double riskScore) {
    double limit = breakage.limitOverride().orElse(config.acceptanceLimit());
    if (riskScore > limit) {
      return Optional.of(
          "risk score %.3f above the acceptance limit %.2f".formatted(riskScore, limit));
    }
    return Optional.empty();
  }
}
