package io.srespace.demo.policy.pricing;

import jakarta.inject.Singleton;
import java.util.Map;

/** Scores a customer's risk between 0 and 1 from age, past claims and region. */
@Singleton
public class RiskModel {
  private static final Map<String, Double> REGION =
      Map.of("capital", 0.12, "north", 0.04, "south", 0.06, "east", 0.05, "west", 0.03);

  public double score(PriceRequest request) {
    double age = request.age() < 25 ? 0.25 : request.age() > 70 ? 0.2 : 0.05;
    double claims = 0.18 * request.claimsLastFiveYears();
    double region = REGION.getOrDefault(request.region(), 0.1);
    return Math.min(1.0, age + claims + region);
  }
}
