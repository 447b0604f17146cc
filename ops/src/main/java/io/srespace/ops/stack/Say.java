package io.srespace.ops.stack;

/** The launcher's voice: steps in bold after an arrow, details as they are, all on stderr. */
public final class Say {
  private Say() {}

  public static void step(String message) {
    System.err.println("\033[1m==>\033[0m " + message);
  }

  public static void line(String message) {
    System.err.println(message);
  }
}
