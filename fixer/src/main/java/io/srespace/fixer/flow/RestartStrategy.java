package io.srespace.fixer.flow;

import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.fixer.runtime.CgroupCpu;
import io.srespace.fixer.runtime.ContainerRuntime;
import io.srespace.fixer.verify.RecoveryCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A restart through the runtime: nothing to undo, a restart leaves no change behind. A service its
 * CPU quota holds back most of the time is not restarted: the new process would start under the
 * same quota, slower still (a JVM under 1 % of a CPU takes minutes to answer), and what looked like
 * a hang becomes an outage; that is refused and escalated. A memory or pool incident is restarted
 * anyway: a heap that is full keeps the collector busy against any quota.
 */
public final class RestartStrategy implements RemediationStrategy {
  private static final Duration CPU_SAMPLE = Duration.ofSeconds(1);
  private static final Set<FaultClass> CPU_BOUND_ANYWAY =
      EnumSet.of(FaultClass.MEMORY, FaultClass.RESOURCE_EXHAUSTION);

  private final ContainerRuntime runtime;
  private final CgroupCpu cpu;
  private final RecoveryCheck recovery;
  private final Duration deadline;
  private final Clock clock;

  public RestartStrategy(
      ContainerRuntime runtime,
      CgroupCpu cpu,
      RecoveryCheck recovery,
      Duration deadline,
      Clock clock) {
    this.runtime = runtime;
    this.cpu = cpu;
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
  public Applied apply(Job job) throws InterruptedException {
    if (!CPU_BOUND_ANYWAY.contains(job.faultClass())) {
      OptionalLong pid = runtime.hostPid(job.service());
      Optional<CgroupCpu.Throttling> throttling =
          pid.isPresent() ? cpu.sample(pid.getAsLong(), CPU_SAMPLE) : Optional.empty();
      if (throttling.isPresent() && throttling.get().starved()) {
        throw new Refused(
            ("not restarted: %s is starved of CPU (%s); a restart would start it under the same"
                    + " quota, slower still. The quota is the platform's: its owner raises it or"
                    + " moves the load")
                .formatted(job.service(), throttling.get().describe()));
      }
    }
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
