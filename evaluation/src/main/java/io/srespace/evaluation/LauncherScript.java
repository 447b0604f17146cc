package io.srespace.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code sre-space} launcher as a process: {@code chaos <fault> <service> [--intensity X]
 * [--duration S]} and {@code repair}, each with its output kept in a log file of its own.
 */
final class LauncherScript implements Launcher {
  private final Path script;
  private final Path logs;
  private final Duration injectLimit;
  private final Duration repairLimit;
  private final AtomicInteger count = new AtomicInteger();

  LauncherScript(Path script, Path logs, Duration injectLimit, Duration repairLimit) {
    this.script = script;
    this.logs = logs;
    this.injectLimit = injectLimit;
    this.repairLimit = repairLimit;
  }

  @Override
  public Result inject(Scenario scenario) {
    return run(scenario.chaosArguments(), injectLimit);
  }

  @Override
  public Result repair() {
    return run(List.of("repair"), repairLimit);
  }

  /**
   * Runs the launcher with {@code arguments}; exit code -1 when it could not start or timed out.
   */
  Result run(List<String> arguments, Duration limit) {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(arguments);
    Path log =
        logs.resolve("%03d-%s.log".formatted(count.incrementAndGet(), String.join("-", arguments)));
    long start = System.nanoTime();
    int exit;
    String problem = null;
    try {
      Files.createDirectories(logs);
      Process process =
          new ProcessBuilder(command)
              .directory(script.toAbsolutePath().getParent().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        exit = process.exitValue();
      } else {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        exit = -1;
        problem = "still running after %d s; stopped".formatted(limit.toSeconds());
      }
    } catch (IOException e) {
      exit = -1;
      problem = "could not run %s: %s".formatted(script, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = -1;
      problem = "interrupted";
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Result(command, exit, took, log, problem != null ? problem : lastLine(log));
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          String line = lines.get(i).strip();
          return line.length() > 160 ? line.substring(0, 157) + "..." : line;
        }
      }
      return "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
