package io.srespace.console.web;

import io.smallrye.mutiny.Multi;
import io.srespace.console.ConsoleConfig;
import io.srespace.console.charts.JourneySeries;
import io.srespace.console.charts.ServiceSeries;
import io.srespace.console.feed.AgentFeed;
import io.srespace.console.feed.FeedItem;
import io.srespace.console.incidents.IncidentLedger;
import io.srespace.console.incidents.IncidentView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** What the page reads: the charts' points, the incidents and their timelines, the agents' feed. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {
  static final Pattern INCIDENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,80}");
  static final String BAD_INCIDENT_ID =
      "an incident id is 1 to 80 letters, digits, '.', '_' or '-'";

  private final ConsoleConfig config;
  private final JourneySeries journey;
  private final ServiceSeries services;
  private final IncidentLedger incidents;
  private final AgentFeed feed;

  public ConsoleResource(
      ConsoleConfig config,
      JourneySeries journey,
      ServiceSeries services,
      IncidentLedger incidents,
      AgentFeed feed) {
    this.config = config;
    this.journey = journey;
    this.services = services;
    this.incidents = incidents;
    this.feed = feed;
  }

  /** The charts: the business and each service, one point a step, oldest first. */
  @GET
  @Path("/series")
  public Series series() {
    return new Series(
        Instant.now(),
        config.step().toSeconds(),
        journey.points(),
        services.points(),
        config.tracesUrl().orElse(null),
        config.issuesUrl().orElse(null));
  }

  public record Series(
      Instant at,
      long stepSeconds,
      List<JourneySeries.JourneyPoint> journey,
      Map<String, List<ServiceSeries.ServicePoint>> services,
      String tracesUrl,
      String issuesUrl) {}

  /** Every incident kept, the newest first, each with its timeline. */
  @GET
  @Path("/incidents")
  public List<IncidentView> incidents() {
    return incidents.all();
  }

  /** One incident with its timeline; 400 for an id no incident can have, 404 for one not here. */
  @GET
  @Path("/incidents/{id}")
  public Response incident(@PathParam("id") String incidentId) {
    if (!INCIDENT_ID.matcher(incidentId).matches()) {
      return error(Response.Status.BAD_REQUEST, BAD_INCIDENT_ID);
    }
    return incidents
        .find(incidentId)
        .map(incident -> Response.ok(incident).build())
        .orElseGet(() -> error(Response.Status.NOT_FOUND, "no incident " + incidentId + " here"));
  }

  static Response error(Response.Status status, String message) {
    return error(status.getStatusCode(), message);
  }

  /** A refusal as every part of the API gives one: the status and {"error": message}. */
  static Response error(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", message))
        .build();
  }

  /** The agents' last events, oldest first: what a page shows before the live ones arrive. */
  @GET
  @Path("/feed/recent")
  public List<FeedItem> recent() {
    return feed.recent();
  }

  /** Every agent's events as they happen (server-sent events, one JSON item each). */
  @GET
  @Path("/feed")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<FeedItem> live() {
    return feed.live();
  }
}
