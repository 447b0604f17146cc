package io.srespace.console.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Whatever changes something (a fault switched, an answer posted) must come from the console's own
 * page: a request that names another origin is refused, and every such request carries the header
 * {@value #HEADER}, which another site's page cannot send without the console allowing it (it
 * allows no other origin).
 */
public class SameOrigin {
  public static final String HEADER = "X-Console-Request";

  @ServerRequestFilter
  public Optional<Response> check(ContainerRequestContext request) {
    String method = request.getMethod();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return Optional.empty();
    }
    if (request.getHeaderString(HEADER) == null) {
      return refuse("a change must come from the console's page (the " + HEADER + " header)");
    }
    String origin = request.getHeaderString("Origin");
    String host = request.getHeaderString(HttpHeaders.HOST);
    if (origin != null && !origin.equals("null") && !sameHost(origin, host)) {
      return refuse("a change must come from the console's own page, not from " + origin);
    }
    return Optional.empty();
  }

  private static boolean sameHost(String origin, String host) {
    try {
      URI uri = URI.create(origin);
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Optional<Response> refuse(String message) {
    return Optional.of(
        Response.status(Response.Status.FORBIDDEN)
            .type(MediaType.APPLICATION_JSON)
            .entity(Map.of("error", message))
            .build());
  }
}
