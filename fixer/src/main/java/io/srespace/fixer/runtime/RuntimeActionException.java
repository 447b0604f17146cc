package io.srespace.fixer.runtime;

/** A runtime refused or failed an action; the message says which, on what, and why. */
public class RuntimeActionException extends RuntimeException {
  public RuntimeActionException(String message) {
    super(message);
  }

  public RuntimeActionException(String message, Throwable cause) {
    super(message, cause);
  }
}
