package io.srespace.demo.policy.policies;

import jakarta.ws.rs.core.Response;

/** The database could not serve a request: no connection in time, or a failed statement. */
public class DatabaseUnavailableException extends StorageFailure {
  private static final long serialVersionUID = 1L;

  DatabaseUnavailableException(String what, Throwable cause) {
    super(what + " failed: " + cause.getMessage(), cause);
  }

  @Override
  Response.Status status() {
    return Response.Status.SERVICE_UNAVAILABLE;
  }
}
