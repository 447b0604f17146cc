package io.srespace.evaluation;

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
 * The running local stack: its processes restarted through supervisord, and Fixer's limits raised
 * for an evaluation through its environment file.
 */
final class StackLauncher extends RunningStack {
  private final LocalStack local;
  private boolean limitsRaised;

  private StackLauncher(LocalStack local, Chaos chaos, Narrator narrator) {
    super(chaos, local, List.of("repair"), narrator);
    this.local = local;
  }

  static StackLauncher of(Stack stack, Map<String, String> environment, Narrator narrator) {
    LocalStack local = new LocalStack(stack, environment, System.err);
    if (!local.supervisor().running()) {
      throw new IllegalStateException("the local stack is not running: ./sre-space up first");
    }
    return new StackLauncher(local, Chaos.of(stack, environment), narrator);
  }

  /** Restarts Fixer with the evaluation's limits. */
  @Override
  void raiseFixerLimits() throws IOException, InterruptedException {
    EnvFile.write(fixerEnvironment(), EVALUATION_LIMITS);
    limitsRaised = true;
    restartFixer();
    narrator.say("Fixer's rate limits raised for the evaluation (restored when it ends)");
  }

  @Override
  Optional<Instant> trafficStarted() throws IOException, InterruptedException {
    long pid = local.supervisor().program("traffic").pid();
    return ProcessHandle.of(pid).flatMap(process -> process.info().startInstant());
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
