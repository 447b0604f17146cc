package io.srespace.demo.policy.policies;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.logging.Logger;

/** Answers 503 with the reason when the database cannot serve, and logs it. */
@Provider
public class DatabaseUnavailableMapper implements ExceptionMapper<DatabaseUnavailableException> {
  private static final Logger LOG = Logger.getLogger(DatabaseUnavailableMapper.class);

  @Override
  public Response toResponse(DatabaseUnavailableException e) {
    LOG.warn(e.getMessage());
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", e.getMessage()))
        .build();
  }
}
