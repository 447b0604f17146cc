package io.srespace.fixer.app;

import io.srespace.fixer.guardrails.Guardrails;
import io.srespace.fixer.runtime.ContainerRuntime;
import io.srespace.fixer.state.ActionLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the action log is rebuilt; says which runtime Fixer acts through, whether the kill
 * switch or dry run is on, and how many actions are unfinished.
 */
@Readiness
@ApplicationScoped
public class FixerReadiness implements HealthCheck {
  private final ContainerRuntime runtime;
  private final Guardrails guardrails;
  private final ActionLog log;
  private final FixerConfig config;

  public FixerReadiness(
      ContainerRuntime runtime, Guardrails guardrails, ActionLog log, FixerConfig config) {
    this.runtime = runtime;
    this.guardrails = guardrails;
    this.log = log;
    this.config = config;
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
        .build();
  }
}
