package io.srespace.demo.policy.policies;

/** The database could not serve a request: no connection in time, or a failed statement. */
public class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DatabaseUnavailableException(String what, Throwable cause) {
    super(what + " failed: " + cause.getMessage(), cause);
  }
}
