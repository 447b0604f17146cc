package io.srespace.demo.policy.policies;

import io.srespace.demo.faults.Faulty;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Issues a policy for a purchased quote, or refuses it by the acceptance rule (answered 200). */
@Path("/policies")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Faulty
public class PolicyResource {
  private final PolicyStore store;
  private final AcceptanceRule rule;

  public PolicyResource(PolicyStore store, AcceptanceRule rule) {
    this.store = store;
    this.rule = rule;
  }

  @POST
  public Response issue(IssueRequest request) {
    if (request == null || request.quoteId() == null || request.premium() == null) {
      throw new BadRequestException("quoteId and premium are required");
    }
    return rule.refusal(request.riskScore())
        .map(reason -> Response.ok(IssueOutcome.rejected(reason)).build())
        .orElseGet(
            () ->
                Response.status(Response.Status.CREATED)
                    .entity(IssueOutcome.issued(store.issue(request)))
                    .build());
  }
}
