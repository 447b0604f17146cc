package io.srespace.memory.recall;

/** The embedding store could not be reached or refused a request; worth trying again later. */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
