package io.srespace.evaluation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How the evaluation acts on the running system: inject a fault, or repair everything. */
public interface Launcher {
  /** Turns the scenario's fault on, with its intensity and duration; returns once it is on. */
  Result inject(Scenario scenario);

  /**
   * Clears every fault, starts any stopped service, restores the seed configuration, and returns
   * once the demo is healthy.
   */
  Result repair();

  /**
   * Whether the scenario's fault condition is still there (ground truth, asked when recovery is
   * claimed); empty when the launcher cannot tell.
   */
  default Optional<Boolean> stillOn(Scenario scenario) {
    return Optional.empty();
  }

  /**
   * When the scenario's fault, going on, would take its service down (a leak's heap run out; ground
   * truth, asked until the service is acted on); empty when the launcher cannot tell.
   */
  default Optional<Instant> downAt(Scenario scenario) {
    return Optional.empty();
  }

  /** One launcher command: what ran, how it ended, and where its output is. */
  record Result(List<String> command, int exitCode, Duration took, Path log, String lastLine) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** "exit 0 in 1.2 s (log: …)". */
    public String describe() {
      return "exit %d in %.1f s%s%s"
          .formatted(
              exitCode,
              took.toMillis() / 1000.0,
              lastLine == null || lastLine.isBlank() ? "" : ": " + lastLine,
              log == null ? "" : " (log " + log + ")");
    }
  }
}
