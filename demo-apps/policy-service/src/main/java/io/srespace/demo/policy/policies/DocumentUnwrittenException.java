package io.srespace.demo.policy.policies;

/** A policy's document could not be written (its data filesystem full, say). */
public class DocumentUnwrittenException extends RuntimeException {
  public DocumentUnwrittenException(String message, Throwable cause) {
    super(message, cause);
  }
}
