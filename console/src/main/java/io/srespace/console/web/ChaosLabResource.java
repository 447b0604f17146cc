package io.srespace.console.web;

import io.srespace.console.Refused;
import io.srespace.console.lab.ChaosLab;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The chaos lab's part of the API: what it offers, and a fault switched on or off. */
@Path("/api/chaos")
@Produces(MediaType.APPLICATION_JSON)
public class ChaosLabResource {
  private final ChaosLab lab;

  public ChaosLabResource(ChaosLab lab) {
    this.lab = lab;
  }

  /** Whether the lab is on (and why not), each service's faults. */
  @GET
  public ChaosLab.Offer offer() {
    return lab.offer();
  }

  /** Switches a fault on; 403 while the lab is off, 400 for a service or fault it does not know. */
  @POST
  @Path("/{service}/{fault}")
  public Response inject(
      @PathParam("service") String service,
      @PathParam("fault") String fault,
      @QueryParam("duration") Long seconds) {
    try {
      lab.inject(service, fault, seconds);
      return Response.ok(Map.of("service", service, "fault", fault, "active", true)).build();
    } catch (Refused e) {
      return ConsoleResource.error(e.status(), e.getMessage());
    }
  }

  /** Switches a fault off. */
  @DELETE
  @Path("/{service}/{fault}")
  public Response clear(@PathParam("service") String service, @PathParam("fault") String fault) {
    try {
      lab.clear(service, fault);
      return Response.ok(Map.of("service", service, "fault", fault, "active", false)).build();
    } catch (Refused e) {
      return ConsoleResource.error(e.status(), e.getMessage());
    }
  }
}
