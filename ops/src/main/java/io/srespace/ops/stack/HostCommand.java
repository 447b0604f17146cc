package io.srespace.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A command of this machine (supervisorctl, git, iptables, kill) run to its end within a limit, its
 * output (with its errors) read while it runs, so a long output cannot stall it.
 */
public final class HostCommand {
  private HostCommand() {}

  /** How it ended: its exit code and everything it printed. */
  public record Result(int exit, String output) {}

  /**
   * Runs it in {@code directory} (this process's own when null).
   *
   * @throws IOException when it cannot start or is still running after {@code limit}
   */
  public static Result run(List<String> command, Path directory, Duration limit)
      throws IOException, InterruptedException {
    return run(command, directory, Map.of(), limit);
  }

  /** Runs it in {@code directory} with {@code environment} added to this process's. */
  public static Result run(
      List<String> command, Path directory, Map<String, String> environment, Duration limit)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run %s (is it installed?): %s".formatted(command.get(0), e.getMessage()), e);
    }
    CompletableFuture<byte[]> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return process.getInputStream().readAllBytes();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not return within " + limit);
      }
      return new Result(process.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    } catch (CompletionException e) {
      throw new IOException("cannot read what " + command.get(0) + " printed", e.getCause());
    }
  }

  /**
   * Runs it; returns its output, or throws with the output when it failed (an interruption too, as
   * an {@link IOException}, the thread's interrupt kept).
   */
  public static String succeed(List<String> command, Duration limit) throws IOException {
    Result result;
    try {
      result = run(command, null, limit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    if (result.exit() != 0) {
      throw new IOException(
          "%s failed (exit %d%s): %s"
              .formatted(
                  String.join(" ", command),
                  result.exit(),
                  ProcessHandle.current().info().user().map(u -> ", as " + u).orElse(""),
                  result.output().strip()));
    }
    return result.output();
  }
}
