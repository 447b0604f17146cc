package io.srespace.evaluation;

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
 * The running Compose stack (docker-compose.yml): its containers made anew by {@code docker
 * compose} for a deployment or a repair, and Fixer's limits raised for an evaluation by creating
 * its container anew with them.
 */
final class ComposeLauncher extends RunningStack {
  private final ComposeStack compose;
  private boolean limitsRaised;

  private ComposeLauncher(ComposeStack compose, Chaos chaos, Narrator narrator) {
    super(chaos, compose, List.of("repair", "--compose"), narrator);
    this.compose = compose;
  }

  static ComposeLauncher of(Stack stack, Map<String, String> environment, Narrator narrator)
      throws IOException, InterruptedException {
    ComposeStack compose = new ComposeStack(stack);
    List<String> parts = List.of("kafka", "scout", "brain", "fixer", "memory", "traffic-generator");
    if (!compose.runs(parts) || !compose.runs(LocalStack.DEMO_SERVICES)) {
      throw new IllegalStateException(
          "the Compose stack is not running: docker compose up -d --wait first");
    }
    return new ComposeLauncher(compose, Chaos.compose(compose, environment), narrator);
  }

  @Override
  void raiseFixerLimits() throws IOException, InterruptedException {
    compose.recreate("fixer", EVALUATION_LIMITS);
    limitsRaised = true;
    narrator.say("Fixer's rate limits raised for the evaluation (restored when it ends)");
  }

  @Override
  Optional<Instant> trafficStarted() throws IOException, InterruptedException {
    return compose.startedAt("traffic-generator");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (limitsRaised) {
      compose.recreate("fixer", Map.of());
    }
  }
}
