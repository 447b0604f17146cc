package io.srespace.demo.quote.downstream;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.logging.Logger;

/** Answers a failed downstream call with 502 or 503 and the reason, and logs it. */
@Provider
public class DownstreamFailureMapper implements ExceptionMapper<DownstreamFailure> {
  private static final Logger LOG = Logger.getLogger(DownstreamFailureMapper.class);

  @Override
  public Response toResponse(DownstreamFailure failure) {
    LOG.warn(failure.getMessage());
    return Response.status(failure.status())
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("error", failure.getMessage()))
        .build();
  }
}
