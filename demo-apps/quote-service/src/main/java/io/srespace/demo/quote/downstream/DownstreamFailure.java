package io.srespace.demo.quote.downstream;

/** A call to another service failed: it answered with an error, or could not be reached. */
public class DownstreamFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public DownstreamFailure(String service, int status, String what, Throwable cause) {
    super("%s %s".formatted(service, what), cause);
    this.status = status;
  }

  /** The status quote-service answers with: 502 for an error answer, 503 when unreachable. */
  public int status() {
    return status;
  }
}
