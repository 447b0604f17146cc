package io.srespace.scout.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.Event;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationEvent;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.scout.incidents.FixerRestarts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FixerActionsTest {
  private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
  private final FixerRestarts restarts =
      new FixerRestarts(
          KnowledgeGraph.load(Path.of("..", "infra", "topology.yaml")),
          Duration.ofSeconds(5),
          Duration.ofSeconds(3));
  private final FixerActions actions = new FixerActions(restarts);

  private static Event<RemediationEvent> applied(String source, RemediationAction action) {
    return Event.of(
        source,
        "INC-1",
        7,
        T0,
        new RemediationApplied("act-1", action, "policy-service", "restarted", null));
  }

  @Test
  void onlyFixersRestartsAreTakenIn() {
    actions.onAction(applied("brain", RemediationAction.RESTART));
    actions.onAction(applied("fixer", RemediationAction.PULL_REQUEST));
    assertThat(restarts.mayClear("INC-1", T0)).as("neither is Fixer's restart").isTrue();

    actions.onAction(applied("fixer", RemediationAction.RESTART));
    assertThat(restarts.mayClear("INC-1", T0.plusSeconds(60)))
        .as("policy-service has not answered since Fixer restarted it")
        .isFalse();
  }
}
