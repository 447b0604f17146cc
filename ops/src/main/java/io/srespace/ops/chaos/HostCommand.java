package io.srespace.ops.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command of the host (iptables, kill) run to its end, its output kept for the error. */
final class HostCommand {
  private HostCommand() {}

  /** Runs it; returns its output, or throws with the output when it failed or took over 10 s. */
  static String run(List<String> command) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run %s (is it installed?): %s".formatted(command.get(0), e.getMessage()), e);
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within 10 s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(
          "%s failed (exit %d%s): %s"
              .formatted(
                  String.join(" ", command),
                  process.exitValue(),
                  ProcessHandle.current().info().user().map(u -> ", as " + u).orElse(""),
                  output.strip()));
    }
    return output;
  }
}
