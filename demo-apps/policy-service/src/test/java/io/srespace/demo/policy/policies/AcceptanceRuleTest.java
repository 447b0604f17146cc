package io.srespace.demo.policy.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.demo.policy.faults.ConversionBreakFault;
import io.srespace.demo.policy.pricing.PricingConfig;
import io.srespace.demo.release.Release;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptanceRuleTest {
  private static final Map<String, String> CATALOGUE =
      Map.of("3.1.0", "none", "3.4.0", "wrong-rule");
  private static final PricingConfig LIMIT_0_8 =
      new PricingConfig() {
        @Override
        public double acceptanceLimit() {
          return 0.8;
        }

        @Override
        public double riskLoading() {
          return 1.5;
        }
      };

  @Test
  void theGoodReleaseAcceptsEveryScoreUpToTheLimit() {
    AcceptanceRule rule = rule("3.1.0");
    assertThat(rule.refusal(0.05)).isEmpty();
    assertThat(rule.refusal(0.8)).isEmpty();
    assertThat(rule.refusal(0.81)).isPresent();
  }

  @Test
  void theReleaseWithTheWrongRuleRefusesAlmostEveryPurchase() {
    AcceptanceRule rule = rule("3.4.0");
    assertThat(rule.refusal(0.05)).isPresent();
    assertThat(rule.refusal(0.3)).isPresent();
    assertThat(rule.refusal(0.0)).isEmpty();
  }

  private static AcceptanceRule rule(String release) {
    return new AcceptanceRule(
        LIMIT_0_8, new ConversionBreakFault(), new Release(release, CATALOGUE));
  }
}
