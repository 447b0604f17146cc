package io.srespace.fixer.app;

import io.srespace.events.kafka.DeadLetterCount;
import io.srespace.fixer.guardrails.Guardrails;
import io.srespace.fixer.runtime.ContainerRuntime;
import io.srespace.fixer.state.ActionLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the action log is rebuilt; says which runtime Fixer acts through, whether the kill
 * switch or dry run is on, how many actions are unfinished, and how many records its channels sent
 * to dead-letter topics.
 */
@Readiness
@ApplicationScoped
public class FixerReadiness implements HealthCheck {
  private final ContainerRuntime runtime;
  private final Guardrails guardrails;
  private final ActionLog log;
  private final FixerConfig config;
  private final DeadLetterCount deadLetters;

  public FixerReadiness(
      ContainerRuntime runtime,
      Guardrails guardrails,
      ActionLog log,
      FixerConfig config,
      DeadLetterCount deadLetters) {
    this.runtime = runtime;
    this.guardrails = guardrails;
    this.log = log;
    this.config = config;
    this.deadLetters = deadLetters;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("fixer")
        .up()
        .withData("runtime", runtime.describe())
        .withData("kill switch", guardrails.killed().orElse("off"))
        .withData("dry run", config.dryRun())
        .withData("actions known", log.size())
        .withData("actions unfinished", log.unfinished().size())
        .withData("dead letters", deadLetters.total())
        .withData("dead letters by topic", deadLetters.describe())
        .build();
  }
}
