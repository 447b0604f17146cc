package io.srespace.demo.policy.policies;

import jakarta.ws.rs.core.Response;

/** A policy's document could not be written (its data filesystem full, say). */
public class DocumentUnwrittenException extends StorageFailure {
  private static final long serialVersionUID = 1L;

  DocumentUnwrittenException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  Response.Status status() {
    return Response.Status.INTERNAL_SERVER_ERROR;
  }
}
