package io.srespace.fixer.flow;

import io.srespace.events.RemediationAction;
import io.srespace.fixer.runtime.ContainerRuntime;
import io.srespace.fixer.verify.RecoveryCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** A restart through the runtime: nothing to undo, a restart leaves no change behind. */
public final class RestartStrategy implements RemediationStrategy {
  private final ContainerRuntime runtime;
  private final RecoveryCheck recovery;
  private final Duration deadline;
  private final Clock clock;

  public RestartStrategy(
      ContainerRuntime runtime, RecoveryCheck recovery, Duration deadline, Clock clock) {
    this.runtime = runtime;
    this.recovery = recovery;
    this.deadline = deadline;
    this.clock = clock;
  }

  @Override
  public RemediationAction action() {
    return RemediationAction.RESTART;
  }

  @Override
  public String describe(Job job) {
    return "restart " + job.service();
  }

  @Override
  public Applied apply(Job job) {
    Instant at = clock.instant();
    runtime.restart(job.service());
    return new Applied(at, "restarted through " + runtime.describe(), 0, null);
  }

  /** The restart happened if the runtime says the service started after it was asked for. */
  @Override
  public Optional<Applied> appliedBeforeCrash(Job job, Instant requestedAt) {
    return runtime
        .status(job.service())
        .started()
        .filter(started -> !started.isBefore(requestedAt.truncatedTo(ChronoUnit.SECONDS)))
        .map(
            started ->
                new Applied(
                    started,
                    "restarted before Fixer itself restarted (%s started it at %s)"
                        .formatted(runtime.describe(), started),
                    0,
                    null));
  }

  @Override
  public RecoveryCheck.Outcome verify(Job job, Instant appliedAt) throws InterruptedException {
    return recovery.await(job.incident().id(), job.service(), appliedAt, deadline);
  }

  @Override
  public Optional<String> undo(Job job, Applied applied, String why) {
    return Optional.empty();
  }
}
