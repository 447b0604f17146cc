package io.srespace.brain.memory;

/** Memory could not be asked; Brain diagnoses without recall and says so. */
public class MemoryUnavailableException extends RuntimeException {
  public MemoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
