package io.srespace.demo.policy.policies;

import jakarta.ws.rs.core.Response;

/**
 * Where the service keeps what it issues could not serve a request; answered with {@link #status}.
 */
public abstract class StorageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StorageFailure(String message, Throwable cause) {
    super(message, cause);
  }

  abstract Response.Status status();
}
