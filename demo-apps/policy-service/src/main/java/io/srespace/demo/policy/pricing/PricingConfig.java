package io.srespace.demo.policy.pricing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The business rules a GitOps change may alter, read from the environment at start. */
@ConfigMapping(prefix = "pricing")
public interface PricingConfig {
  /** Highest risk score (0 to 1) the insurer accepts a purchase at (PRICING_ACCEPTANCE_LIMIT). */
  @WithDefault("0.8")
  double acceptanceLimit();

  /** How much the risk score raises the base premium: premium = base × (1 + loading × risk). */
  @WithDefault("1.5")
  double riskLoading();
}
