package io.srespace.console;

/** Why the console refuses what the page asked: the HTTP status the page gets and the message. */
public final class Refused extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  public Refused(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
