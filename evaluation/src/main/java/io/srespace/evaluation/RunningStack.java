package io.srespace.evaluation;

import io.srespace.events.Fault;
import io.srespace.ops.chaos.Chaos;
import io.srespace.ops.stack.DemoServices;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running stack the evaluation acts on — the local one or Compose's — as the chaos tool does:
 * faults through the demo services' admin endpoints (a deployment through the GitOps repository),
 * ground truth asked of the same tool, repair; and what each needs before and after an evaluation.
 */
abstract class RunningStack implements Launcher, AutoCloseable {
  /**
   * Fixer allows 3 actions per service in 10 minutes; the evaluation's faults come back to back.
   */
  static final Map<String, String> EVALUATION_LIMITS =
      Map.of("FIXER_LIMITS_PER_SERVICE", "100", "FIXER_LIMITS_GLOBAL", "200");

  private final Chaos chaos;
  private final DemoServices services;
  private final List<String> repairCommand;
  final Narrator narrator;

  RunningStack(Chaos chaos, DemoServices services, List<String> repairCommand, Narrator narrator) {
    this.chaos = chaos;
    this.services = services;
    this.repairCommand = List.copyOf(repairCommand);
    this.narrator = narrator;
  }

  /** Gives Fixer the evaluation's rate limits; {@link #close} puts its own back. */
  abstract void raiseFixerLimits() throws IOException, InterruptedException;

  /** When the traffic generator started; empty when that cannot be told. */
  abstract Optional<Instant> trafficStarted() throws IOException, InterruptedException;

  @Override
  public abstract void close() throws IOException, InterruptedException;

  @Override
  public Result inject(Scenario scenario) {
    return Timed.run(
        scenario.chaosArguments(),
        () ->
            scenario.fault().equals(Fault.BAD_RELEASE.id())
                ? chaos.badRelease(services, scenario.service())
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
        repairCommand,
        () -> {
          chaos.repair(services);
          return "repaired";
        });
  }

  /** Lets Scout learn each service's normal traffic: waits until the generator has run so long. */
  void letTrafficFlow(Duration warmUp) throws IOException, InterruptedException {
    Optional<Instant> started = trafficStarted();
    if (started.isEmpty()) {
      return;
    }
    Duration left = warmUp.minus(Duration.between(started.get(), Instant.now()));
    if (!left.isNegative() && !left.isZero()) {
      narrator.say("letting Scout learn the normal traffic for %d s".formatted(left.toSeconds()));
      Thread.sleep(left.toMillis());
    }
  }
}
