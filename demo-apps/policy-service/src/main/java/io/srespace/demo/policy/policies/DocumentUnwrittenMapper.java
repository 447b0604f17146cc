package io.srespace.demo.policy.policies;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.logging.Logger;

/** Answers 500 with the reason when a policy's document cannot be written, and logs it. */
@Provider
public class DocumentUnwrittenMapper implements ExceptionMapper<DocumentUnwrittenException> {
  private static final Logger LOG = Logger.getLogger(DocumentUnwrittenMapper.class);

  @Override
  public Response toResponse(DocumentUnwrittenException e) {
    LOG.warn(e.getMessage());
    return Response.status(Response.Status.INTERNAL_SERVER_ERROR)
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", e.getMessage()))
        .build();
  }
}
