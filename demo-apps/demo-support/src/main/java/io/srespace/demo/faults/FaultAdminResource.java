package io.srespace.demo.faults;

import io.srespace.demo.DemoConfig;
import io.srespace.events.Fault;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fault switches over HTTP, for the chaos scripts: list, inject (with intensity and duration in
 * seconds) and clear. Every call needs the configured token in the {@code X-Admin-Token} header.
 */
@Path("/admin/faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultAdminResource {
  static final String TOKEN_HEADER = "X-Admin-Token";

  private final FaultSwitchboard switchboard;
  private final DemoConfig config;

  public FaultAdminResource(FaultSwitchboard switchboard, DemoConfig config) {
    this.switchboard = switchboard;
    this.config = config;
  }

  @GET
  public Response list(@HeaderParam(TOKEN_HEADER) String token) {
    return authorized(token, () -> Response.ok(switchboard.states()).build());
  }

  @POST
  @Path("/{fault}")
  public Response inject(
      @HeaderParam(TOKEN_HEADER) String token,
      @PathParam("fault") String name,
      @QueryParam("intensity") Double intensity,
      @QueryParam("duration") Long durationSeconds) {
    return authorized(
        token,
        () -> {
          Fault fault = parse(name);
          Duration duration = durationSeconds == null ? null : Duration.ofSeconds(durationSeconds);
          return Response.ok(switchboard.inject(fault, intensity, duration)).build();
        });
  }

  @DELETE
  @Path("/{fault}")
  public Response clear(@HeaderParam(TOKEN_HEADER) String token, @PathParam("fault") String name) {
    return authorized(
        token,
        () -> {
          Fault fault = parse(name);
          boolean wasOn = switchboard.clear(fault, "cleared through the admin endpoint");
          return Response.ok(Map.of("fault", fault.id(), "cleared", wasOn)).build();
        });
  }

  @DELETE
  public Response clearAll(@HeaderParam(TOKEN_HEADER) String token) {
    return authorized(
        token,
        () ->
            Response.ok(
                    Map.of("cleared", switchboard.clearAll("cleared through the admin endpoint")))
                .build());
  }

  private Fault parse(String name) {
    return Fault.fromId(name).orElseThrow(() -> new UnknownFaultName(name));
  }

  private Response authorized(String token, java.util.function.Supplier<Response> action) {
    if (config.adminToken().isEmpty()) {
      return error(
          Response.Status.SERVICE_UNAVAILABLE,
          "the admin endpoint is off: no token is configured (set DEMO_ADMIN_TOKEN)");
    }
    if (token == null || !sameToken(token, config.adminToken().get())) {
      return error(Response.Status.UNAUTHORIZED, "missing or wrong " + TOKEN_HEADER + " header");
    }
    try {
      return action.get();
    } catch (UnknownFaultName | UnknownFaultException e) {
      return error(Response.Status.NOT_FOUND, e.getMessage());
    } catch (IllegalArgumentException e) {
      return error(Response.Status.BAD_REQUEST, e.getMessage());
    }
  }

  private static boolean sameToken(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static Response error(Response.Status status, String message) {
    return Response.status(status).entity(Map.of("error", message)).build();
  }

  /** A fault name that is in no catalogue. */
  private static final class UnknownFaultName extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownFaultName(String name) {
      super("no fault named '%s' (known: %s)".formatted(name, List.of(Fault.values())));
    }
  }
}
