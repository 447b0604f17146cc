package io.srespace.fixer.gitops;

/** A configuration text does not parse, or an edit of it was refused; the message says where. */
public class ConfigFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigFormatException(String message) {
    super(message);
  }

  public ConfigFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
