package io.srespace.fixer.verify;

import io.srespace.fixer.runtime.ContainerRuntime;
import io.srespace.fixer.runtime.ServiceStatus;
import io.srespace.knowledge.KnowledgeGraph;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Waits for proof that an action worked: Scout said the incident's symptoms cleared after the
 * action, and the service itself answers its health check (or, without a health URL in the
 * knowledge graph, its runtime reports it running). Never reports success it has not seen.
 */
public final class RecoveryCheck {
  private final IncidentsSeen symptoms;
  private final HealthProbe probe;
  private final KnowledgeGraph policy;
  private final ContainerRuntime runtime;
  private final Clock clock;
  private final Duration poll;

  public RecoveryCheck(
      IncidentsSeen symptoms,
      HealthProbe probe,
      KnowledgeGraph policy,
      ContainerRuntime runtime,
      Clock clock,
      Duration poll) {
    this.symptoms = symptoms;
    this.probe = probe;
    this.policy = policy;
    this.runtime = runtime;
    this.clock = clock;
    this.poll = poll;
  }

  /** The outcome: recovered with its evidence, or not, with what was last seen. */
  public record Outcome(boolean recovered, Instant at, String evidence) {}

  public Outcome await(String incidentId, String service, Instant actedAt, Duration deadline)
      throws InterruptedException {
    Instant until = clock.instant().plus(deadline);
    String health = "not checked";
    Optional<Instant> cleared = Optional.empty();
    while (true) {
      cleared = symptoms.clearedAfter(incidentId, actedAt);
      boolean healthy;
      Optional<URI> url = policy.health(service);
      if (url.isPresent()) {
        HealthProbe.Result result = probe.check(url.get());
        healthy = result.healthy();
        health = result.detail();
      } else {
        ServiceStatus status = runtime.status(service);
        healthy = status.running();
        health =
            "%s reports %s (%s)".formatted(runtime.describe(), status.state(), status.detail());
      }
      if (cleared.isPresent() && healthy) {
        return new Outcome(
            true,
            clock.instant(),
            "Scout: symptoms cleared at %s; %s".formatted(cleared.get(), health));
      }
      if (!clock.instant().isBefore(until)) {
        return new Outcome(
            false,
            clock.instant(),
            "not verified within %d s: %s; %s"
                .formatted(
                    deadline.toSeconds(),
                    cleared
                        .map(at -> "symptoms cleared at " + at)
                        .orElse("Scout has not cleared the symptoms"),
                    health));
      }
      Thread.sleep(poll.toMillis());
    }
  }
}
