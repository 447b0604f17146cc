package io.srespace.fixer.gitops;

/** The configuration repository could not be read or written; the message says what and why. */
public class GitOpsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GitOpsException(String message) {
    super(message);
  }

  public GitOpsException(String message, Throwable cause) {
    super(message, cause);
  }
}
