package io.srespace.demo.policy.policies;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Answers a storage failure with its status and the reason, and logs it: 503 when the database
 * cannot serve, 500 when a policy's document cannot be written.
 */
@Provider
public class StorageFailureMapper implements ExceptionMapper<StorageFailure> {
  private static final Logger LOG = Logger.getLogger(StorageFailureMapper.class);

  @Override
  public Response toResponse(StorageFailure e) {
    LOG.warn(e.getMessage());
    return Response.status(e.status())
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", e.getMessage()))
        .build();
  }
}
