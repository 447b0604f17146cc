package io.srespace.console.web;

import io.srespace.console.Refused;
import io.srespace.console.approvals.AnswerDesk;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A person's answer to an action Fixer waits on, signed in the page, posted on the issue. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class AnswerResource {
  private final AnswerDesk desk;

  public AnswerResource(AnswerDesk desk) {
    this.desk = desk;
  }

  /** Whether the page can answer here. */
  @GET
  @Path("/answers")
  public Map<String, Object> answers() {
    return Map.of("open", desk.open());
  }

  /** The signed line, {@code {"line": "/approve … sig:…"}}. */
  public record Answer(String line) {}

  @POST
  @Path("/incidents/{id}/answer")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response answer(@PathParam("id") String incidentId, Answer answer) {
    if (!ConsoleResource.INCIDENT_ID.matcher(incidentId).matches()) {
      return ConsoleResource.error(400, ConsoleResource.BAD_INCIDENT_ID);
    }
    try {
      return Response.ok(desk.answer(incidentId, answer == null ? null : answer.line())).build();
    } catch (Refused e) {
      return ConsoleResource.error(e.status(), e.getMessage());
    }
  }
}
