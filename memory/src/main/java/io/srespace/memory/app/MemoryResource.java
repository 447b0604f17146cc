package io.srespace.memory.app;

import io.srespace.events.recall.SimilarIncident;
import io.srespace.memory.chroma.ChromaCollection;
import io.srespace.memory.recall.PostmortemMemory;
import io.srespace.memory.recall.StoreUnavailableException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/** Recall over HTTP: the remembered incidents most like a text, and how many are remembered. */
@Path("/api/v1/memory")
@Produces(MediaType.APPLICATION_JSON)
public class MemoryResource {
  private final PostmortemMemory memory;
  private final ChromaCollection chroma;
  private final MemoryConfig config;

  public MemoryResource(PostmortemMemory memory, ChromaCollection chroma, MemoryConfig config) {
    this.memory = memory;
    this.chroma = chroma;
    this.config = config;
  }

  /** A request Memory cannot answer, and why. */
  public record Problem(String message) {}

  @GET
  @Path("similar")
  public Response similar(@RestQuery String text, @RestQuery String k) {
    if (text == null || text.isBlank()) {
      return problem(Response.Status.BAD_REQUEST, "text is required: the incident to compare");
    }
    int count;
    try {
      count = k == null || k.isBlank() ? config.k() : Integer.parseInt(k.strip());
    } catch (NumberFormatException e) {
      count = 0;
    }
    if (count < 1 || count > config.kMax()) {
      return problem(
          Response.Status.BAD_REQUEST,
          "k must be a whole number from 1 to %d, was '%s'".formatted(config.kMax(), k));
    }
    try {
      return Response.ok(SimilarIncident.json(memory.similar(text, count)))
          .type(MediaType.APPLICATION_JSON)
          .build();
    } catch (StoreUnavailableException e) {
      return problem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
  }

  @GET
  @Path("count")
  public Response count() {
    try {
      return Response.ok(Map.of("collection", chroma.name(), "count", chroma.count())).build();
    } catch (IllegalStateException e) {
      return problem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }
  }

  private static Response problem(Response.Status status, String message) {
    return Response.status(status).entity(new Problem(message)).build();
  }
}
