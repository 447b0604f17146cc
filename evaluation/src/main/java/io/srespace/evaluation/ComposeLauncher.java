package io.srespace.evaluation;

import io.srespace.events.Fault;
import io.srespace.ops.chaos.Chaos;
import io.srespace.ops.stack.ComposeStack;
import io.srespace.ops.stack.LocalStack;
import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running Compose stack (docker-compose.yml), acted on as {@link StackLauncher} acts on the
 * local one: faults through the demo services' published admin endpoints (a deployment through the
 * GitOps repository and a new container), repair with {@code docker compose}, and Fixer's limits
 * raised for an evaluation by creating its container anew with them.
 */
final class ComposeLauncher implements RunningStack {
  private static final Map<String, String> EVALUATION_LIMITS =
      Map.of("FIXER_LIMITS_PER_SERVICE", "100", "FIXER_LIMITS_GLOBAL", "200");

  private final ComposeStack compose;
  private final Chaos chaos;
  private final Narrator narrator;
  private boolean limitsRaised;

  ComposeLauncher(Stack stack, Map<String, String> environment, Narrator narrator)
      throws IOException, InterruptedException {
    this.compose = new ComposeStack(stack);
    List<String> parts = List.of("kafka", "scout", "brain", "fixer", "memory", "traffic-generator");
    if (!compose.runs(parts) || !compose.runs(LocalStack.DEMO_SERVICES)) {
      throw new IllegalStateException(
          "the Compose stack is not running: docker compose up -d --wait first");
    }
    this.chaos = Chaos.compose(compose, environment);
    this.narrator = narrator;
  }

  @Override
  public Result inject(Scenario scenario) {
    return Timed.run(
        scenario.chaosArguments(),
        () ->
            scenario.fault().equals(Fault.BAD_RELEASE.id())
                ? chaos.badRelease(compose, scenario.service())
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
        List.of("repair", "--compose"),
        () -> {
          chaos.repair(compose);
          return "repaired";
        });
  }

  /** Creates Fixer's container anew with the evaluation's limits. */
  @Override
  public void raiseFixerLimits() throws IOException, InterruptedException {
    compose.recreate("fixer", EVALUATION_LIMITS);
    limitsRaised = true;
    narrator.say("Fixer's rate limits raised for the evaluation (restored when it ends)");
  }

  @Override
  public Optional<Instant> trafficStarted() throws IOException, InterruptedException {
    return compose.startedAt("traffic-generator");
  }

  @Override
  public Narrator narrator() {
    return narrator;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (limitsRaised) {
      compose.recreate("fixer", Map.of());
    }
  }
}
