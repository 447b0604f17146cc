package io.srespace.board;

/** A board or code host operation failed; the message says which and why. */
public class BoardException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Reason reason;

  public BoardException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public BoardException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }

  /** Why, so callers can tell a conflict they can handle from a setup they cannot. */
  public enum Reason {
    /** The credentials were refused. */
    UNAUTHORIZED,
    /** The repository, issue, pull request or branch does not exist. */
    NOT_FOUND,
    /** The change conflicts with the default branch. */
    CONFLICT,
    /** The host refused the request as invalid. */
    INVALID,
    /** Anything else: network, storage, an unexpected answer. */
    FAILED
  }
}
