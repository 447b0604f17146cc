package io.srespace.demo.quote.downstream;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;

/** Calls another service and turns its failures into {@link DownstreamFailure}s that say which. */
public final class Downstream {
  private Downstream() {}

  public static <T> T call(String service, Supplier<T> call) {
    try {
      return call.get();
    } catch (NotFoundException e) {
      throw e;
    } catch (WebApplicationException e) {
      throw new DownstreamFailure(service, 502, "answered " + e.getResponse().getStatus(), e);
    } catch (ProcessingException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new DownstreamFailure(service, 503, "unreachable: " + cause.getMessage(), e);
    }
  }
}
