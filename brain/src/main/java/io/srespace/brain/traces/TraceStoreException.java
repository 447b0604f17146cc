package io.srespace.brain.traces;

/** A trace backend could not answer; the message names the backend, the request and why. */
public class TraceStoreException extends RuntimeException {

  public TraceStoreException(String message) {
    super(message);
  }

  public TraceStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
