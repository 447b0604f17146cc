package io.srespace.demo.quote.downstream;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.math.BigDecimal;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** policy-service over HTTP: pricing and issuing. */
@RegisterRestClient(configKey = "policy-service")
public interface PolicyClient {
  @POST
  @Path("/prices")
  Price price(PriceRequest request);

  @POST
  @Path("/policies")
  IssueOutcome issue(IssueRequest request);

  record PriceRequest(
      String customerId, String product, int age, String region, int claimsLastFiveYears) {}

  record Price(BigDecimal premium, String currency, double riskScore) {}

  record IssueRequest(
      String quoteId, String customerId, String product, BigDecimal premium, double riskScore) {}

  record IssueOutcome(String status, String policyId, String reason) {
    public boolean issued() {
      return "ISSUED".equals(status);
    }
  }
}
