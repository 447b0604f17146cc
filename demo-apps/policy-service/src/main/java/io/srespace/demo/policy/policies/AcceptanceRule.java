package io.srespace.demo.policy.policies;

import io.srespace.demo.policy.faults.ConversionBreakFault;
import io.srespace.demo.policy.pricing.PricingConfig;
import io.srespace.demo.release.Regression;
import io.srespace.demo.release.Release;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Decides whether a purchase is accepted: its risk score must not exceed the acceptance limit. */
@Singleton
public class AcceptanceRule {
  private final PricingConfig config;
  private final ConversionBreakFault breakage;
  private final Release release;

  public AcceptanceRule(PricingConfig config, ConversionBreakFault breakage, Release release) {
    this.config = config;
    this.breakage = breakage;
    this.release = release;
  }

  /** Why the purchase is refused, or empty when it is accepted. */
  public Optional<String> refusal(double riskScore) {
    double limit = breakage.limitOverride().orElse(config.acceptanceLimit());
    // The release with the wrong rule compares the score in percent with the limit as a fraction.
    double score = release.has(Regression.WRONG_RULE) ? riskScore * 100 : riskScore;
    if (score > limit) {
      return Optional.of(
          "risk score %.3f above the acceptance limit %.2f".formatted(riskScore, limit));
    }
    return Optional.empty();
  }
}
