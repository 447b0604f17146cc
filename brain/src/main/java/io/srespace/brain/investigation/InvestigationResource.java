package io.srespace.brain.investigation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The investigation API: people and tools describe a problem and read Brain's findings. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class InvestigationResource {
  static final int MAX_DESCRIPTION = 4_000;

  /** The body of a new investigation. */
  public record Question(String description) {}

  private final Investigations investigations;

  public InvestigationResource(Investigations investigations) {
    this.investigations = investigations;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Investigate a problem described in words")
  @APIResponse(responseCode = "202", description = "Accepted; poll the Location for the result")
  @APIResponse(responseCode = "400", description = "No description, or one too long")
  @APIResponse(responseCode = "503", description = "Too many investigations waiting")
  public Response investigate(Question question) {
    if (question == null || question.description() == null || question.description().isBlank()) {
      return error(
          Response.Status.BAD_REQUEST, "a description is required: {\"description\": \"…\"}");
    }
    if (question.description().length() > MAX_DESCRIPTION) {
      return error(
          Response.Status.BAD_REQUEST,
          "the description has %d characters; at most %d are read"
              .formatted(question.description().length(), MAX_DESCRIPTION));
    }
    try {
      Investigation running = investigations.submit(question.description().strip());
      return Response.accepted(Map.of("id", running.id(), "status", running.status()))
          .location(URI.create("/api/v1/incidents/" + running.id()))
          .build();
    } catch (RejectedExecutionException e) {
      return error(
          Response.Status.SERVICE_UNAVAILABLE,
          "too many investigations are waiting; try again shortly");
    }
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "An investigation: status, entities, evidence, root cause, confidence")
  @APIResponse(responseCode = "200", description = "The investigation")
  @APIResponse(responseCode = "404", description = "No investigation has this id")
  public Response investigation(@PathParam("id") String id) {
    return investigations
        .get(id)
        .map(found -> Response.ok(found).build())
        .orElseGet(() -> error(Response.Status.NOT_FOUND, "no investigation " + id));
  }

  private static Response error(Response.Status status, String message) {
    return Response.status(status).entity(Map.of("error", message)).build();
  }
}
