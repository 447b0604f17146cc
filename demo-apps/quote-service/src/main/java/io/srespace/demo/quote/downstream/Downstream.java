package io.srespace.demo.quote.downstream;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Calls another service and turns its failures into {@link DownstreamFailure}s that say which.
 *
 * <p>At most {@link #MAX_CONCURRENT_CALLS} calls wait at once; more are refused at once with 503
 * (load shedding). A blocking REST client call holds a worker thread while it waits, and sending it
 * needs a free worker too: with every worker of the pool (200) waiting, no call is ever sent and
 * the service hangs for good, even after its dependency recovers. A slow dependency under load did
 * exactly that before this bound.
 */
public final class Downstream {
  static final int MAX_CONCURRENT_CALLS = 100;
  private static final Semaphore IN_PROGRESS = new Semaphore(MAX_CONCURRENT_CALLS);

  private Downstream() {}

  public static <T> T call(String service, Supplier<T> call) {
    if (!IN_PROGRESS.tryAcquire()) {
      throw new DownstreamFailure(
          service,
          503,
          "not called: %d calls already in progress (load shed)".formatted(MAX_CONCURRENT_CALLS),
          null);
    }
    try {
      return call.get();
    } catch (NotFoundException e) {
      throw e;
    } catch (WebApplicationException e) {
      throw new DownstreamFailure(service, 502, "answered " + e.getResponse().getStatus(), e);
    } catch (ProcessingException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new DownstreamFailure(service, 503, "unreachable: " + cause.getMessage(), e);
    } finally {
      IN_PROGRESS.release();
    }
  }
}
