package io.srespace.evaluation;

import java.time.Duration;
import java.util.List;

/**
 * A launcher's action timed into a {@link Launcher.Result}: exit 1 with the message if it threw.
 */
final class Timed {
  private Timed() {}

  /** What a launcher does; returns what it says it did. */
  interface Action {
    String run() throws Exception;
  }

  static Launcher.Result run(List<String> command, Action action) {
    long start = System.nanoTime();
    int exit = 0;
    String said;
    try {
      said = action.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = 1;
      said = "interrupted";
    } catch (Exception e) {
      exit = 1;
      said = e.getMessage();
    }
    return new Launcher.Result(
        command, exit, Duration.ofNanos(System.nanoTime() - start), null, said);
  }
}
