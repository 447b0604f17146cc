package io.srespace.demo.policy.pricing;

import io.srespace.demo.faults.Faulty;
import io.srespace.demo.policy.policies.PolicyStore;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prices a product for a customer from the product's tariff in the database and the risk model. */
@Path("/prices")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Faulty
public class PricingResource {
  private final PolicyStore store;
  private final RiskModel risk;
  private final PricingConfig config;

  public PricingResource(PolicyStore store, RiskModel risk, PricingConfig config) {
    this.store = store;
    this.risk = risk;
    this.config = config;
  }

  @POST
  public Price price(PriceRequest request) {
    if (request == null || request.product() == null || request.customerId() == null) {
      throw new BadRequestException("customerId and product are required");
    }
    BigDecimal base =
        store
            .baseRate(request.product())
            .orElseThrow(() -> new BadRequestException("unknown product " + request.product()));
    double score = risk.score(request);
    BigDecimal premium =
        base.multiply(BigDecimal.valueOf(1 + config.riskLoading() * score))
            .setScale(2, RoundingMode.HALF_UP);
    return new Price(premium, "EUR", Math.round(score * 1000) / 1000.0);
  }
}
