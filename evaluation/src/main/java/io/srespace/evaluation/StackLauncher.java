package io.srespace.evaluation;

import io.srespace.events.Fault;
import io.srespace.knowledge.EnvFile;
import io.srespace.ops.chaos.Chaos;
import io.srespace.ops.stack.LocalStack;
import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running local stack, acted on directly: faults through the demo services' admin endpoint (and
 * the GitOps repository for a bad deployment), repair, and Fixer's limits for the evaluation.
 */
final class StackLauncher implements RunningStack {
  /**
   * Fixer allows 3 actions per service in 10 minutes; the evaluation's faults come back to back.
   */
  private static final Map<String, String> EVALUATION_LIMITS =
      Map.of("FIXER_LIMITS_PER_SERVICE", "100", "FIXER_LIMITS_GLOBAL", "200");

  private final LocalStack local;
  private final Chaos chaos;
  private final Narrator narrator;
  private boolean limitsRaised;

  StackLauncher(Stack stack, Map<String, String> environment, Narrator narrator) {
    this.local = new LocalStack(stack, environment, System.err);
    if (!local.supervisor().running()) {
      throw new IllegalStateException("the local stack is not running: ./sre-space up first");
    }
    this.chaos = Chaos.of(stack, environment);
    this.narrator = narrator;
  }

  @Override
  public Result inject(Scenario scenario) {
    return Timed.run(
        scenario.chaosArguments(),
        () ->
            scenario.fault().equals(Fault.BAD_RELEASE.id())
                ? chaos.badRelease(local, scenario.service())
                : chaos.inject(
                    scenario.fault(),
                    scenario.service(),
                    scenario.intensity(),
                    scenario.durationSeconds()));
  }

  @Override
  public Optional<Boolean> stillOn(Scenario scenario) {
    try {
      return chaos.stillOn(scenario.fault(), scenario.service());
    } catch (IOException | RuntimeException e) {
      narrator.say("could not tell whether %s is still on: %s".formatted(scenario.fault(), e));
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public Optional<Instant> downAt(Scenario scenario) {
    try {
      return chaos.downAt(scenario.fault(), scenario.service());
    } catch (IOException | RuntimeException e) {
      narrator.say(
          "could not tell when %s would take %s down: %s"
              .formatted(scenario.fault(), scenario.service(), e));
      return Optional.empty();
    }
  }

  @Override
  public Result repair() {
    return Timed.run(
        List.of("repair"),
        () -> {
          chaos.repair(local);
          return "repaired";
        });
  }

  /** Restarts Fixer with the evaluation's limits. */
  @Override
  public void raiseFixerLimits() throws IOException, InterruptedException {
    EnvFile.write(fixerEnvironment(), EVALUATION_LIMITS);
    limitsRaised = true;
    restartFixer();
    narrator.say("Fixer's rate limits raised for the evaluation (restored when it ends)");
  }

  @Override
  public Optional<Instant> trafficStarted() throws IOException, InterruptedException {
    long pid = local.supervisor().program("traffic").pid();
    return ProcessHandle.of(pid).flatMap(process -> process.info().startInstant());
  }

  @Override
  public Narrator narrator() {
    return narrator;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (limitsRaised) {
      Files.deleteIfExists(fixerEnvironment());
      restartFixer();
    }
  }

  private Path fixerEnvironment() {
    return local.stack().deployed().resolve("fixer.env");
  }

  private void restartFixer() throws IOException, InterruptedException {
    local.supervisor().control("restart", "fixer");
    if (!local.awaitReady("fixer", Duration.ofSeconds(60))) {
      throw new IOException("fixer did not become ready after a restart");
    }
  }
}
