package io.srespace.fixer.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.ConfigChange;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.fixer.state.ActionRecord;
import io.srespace.knowledge.KnowledgeGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardrailsTest {
  static final KnowledgeGraph POLICY = KnowledgeGraph.load(Path.of("../infra/topology.yaml"));
  static final RemediationPlan RESTART_USER =
      new RemediationPlan(RemediationAction.RESTART, "user-service", null, "down");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock();

  @Test
  void anAllowedRestartGoesAndReservesTheService() {
    Guardrails guardrails = guardrails(false);
    assertThat(guardrails.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER).decision())
        .isEqualTo(Verdict.Decision.GO);
    assertThat(guardrails.inFlight("user-service")).isTrue();
    Verdict second = guardrails.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER);
    assertThat(second.decision()).isEqualTo(Verdict.Decision.REFUSE);
    assertThat(second.reason()).contains("still in flight");
  }

  @Test
  void anActionTheKnowledgeGraphDoesNotListIsRefused() {
    RemediationPlan pr =
        new RemediationPlan(
            RemediationAction.PULL_REQUEST,
            "user-service",
            new ConfigChange("user-service.env", "POOL", "1", "2"),
            "why");
    Verdict verdict = guardrails(false).admit("user-service", FaultClass.ERRORS, pr);
    assertThat(verdict.decision()).isEqualTo(Verdict.Decision.REFUSE);
    assertThat(verdict.reason()).contains("pull-request of user-service is not allowed for errors");
    Verdict unknown =
        guardrails(false)
            .admit(
                "payment-service",
                FaultClass.UNAVAILABLE,
                new RemediationPlan(RemediationAction.RESTART, "payment-service", null, "x"));
    assertThat(unknown.decision()).isEqualTo(Verdict.Decision.REFUSE);
  }

  @Test
  void brainsEscalationIsNotActedOn() {
    Verdict verdict =
        guardrails(false)
            .admit(
                "user-service",
                FaultClass.UNAVAILABLE,
                new RemediationPlan(RemediationAction.ESCALATE, "user-service", null, "too weak"));
    assertThat(verdict.reason()).isEqualTo("Brain escalated: too weak");
  }

  @Test
  void thePerServiceRateLimitHoldsUntilItsWindowHasPassed() {
    Guardrails guardrails = guardrails(false);
    for (int i = 0; i < 3; i++) {
      assertThat(guardrails.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER).decision())
          .isEqualTo(Verdict.Decision.GO);
      guardrails.finished("user-service", true);
    }
    Verdict fourth = guardrails.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER);
    assertThat(fourth.reason()).contains("rate limit for user-service (3 per 600 s)");
    clock.advance(Duration.ofMinutes(11));
    assertThat(guardrails.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER).decision())
        .isEqualTo(Verdict.Decision.GO);
  }

  @Test
  void theGlobalRateLimitCountsEveryService() {
    Guardrails guardrails =
        new Guardrails(
            POLICY,
            new Guardrails.Settings(
                false,
                null,
                3,
                Duration.ofMinutes(10),
                2,
                Duration.ofMinutes(10),
                3,
                Duration.ofMinutes(5)),
            clock);
    guardrails.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER);
    guardrails.admit(
        "quote-service",
        FaultClass.UNAVAILABLE,
        new RemediationPlan(RemediationAction.RESTART, "quote-service", null, "down"));
    Verdict third =
        guardrails.admit(
            "policy-service",
            FaultClass.UNAVAILABLE,
            new RemediationPlan(RemediationAction.RESTART, "policy-service", null, "down"));
    assertThat(third.reason()).contains("global rate limit (2 per 600 s)");
  }

  @Test
  void repeatedFailuresOpenTheCircuitBreakerUntilItsCooldown() {
    Guardrails guardrails =
        new Guardrails(
            POLICY,
            new Guardrails.Settings(
                false,
                null,
                10,
                Duration.ofMinutes(10),
                10,
                Duration.ofMinutes(10),
                2,
                Duration.ofMinutes(5)),
            clock);
    for (int i = 0; i < 2; i++) {
      guardrails.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER);
      guardrails.finished("user-service", false);
    }
    Verdict refused = guardrails.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER);
    assertThat(refused.reason()).contains("2 actions on user-service failed in a row");
    clock.advance(Duration.ofMinutes(6));
    assertThat(guardrails.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER).decision())
        .isEqualTo(Verdict.Decision.GO);
  }

  @Test
  void theKillSwitchStopsEverythingFromTheEnvironmentOrAFile() throws IOException {
    assertThat(
            guardrails(true).admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER).reason())
        .contains("kill switch is on");
    Guardrails byFile = guardrails(false);
    Files.createFile(dir.resolve("stop"));
    assertThat(byFile.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER).reason())
        .contains("kill switch file");
    assertThat(byFile.inFlight("user-service")).isFalse();
  }

  @Test
  void aHighRiskActionAsksForApproval() throws IOException {
    Path topology = dir.resolve("topology.yaml");
    Files.writeString(
        topology,
        """
        services:
          policy-service:
            config: policy-service.env
            settings:
              DB_POOL_MAX_SIZE: {type: integer, min: 1, max: 16}
            remediations:
              resource-exhaustion:
                action: pull-request
                key: DB_POOL_MAX_SIZE
                value: x2
                max: 16
                approval: true
                why: a bigger pool
        """);
    Guardrails guardrails = new Guardrails(KnowledgeGraph.load(topology), settings(false), clock);
    Verdict verdict =
        guardrails.admit(
            "policy-service",
            FaultClass.RESOURCE_EXHAUSTION,
            new RemediationPlan(
                RemediationAction.PULL_REQUEST,
                "policy-service",
                new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "8"),
                "pool"));
    assertThat(verdict.decision()).isEqualTo(Verdict.Decision.ASK_APPROVAL);
    assertThat(guardrails.inFlight("policy-service")).isTrue();
  }

  @Test
  void aRestartedFixerKeepsTheLimitsBreakersAndServicesInFlightOfItsEarlierRun() {
    Instant now = clock.instant();
    java.util.List<ActionRecord> earlier = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      earlier.add(action("user-service", ActionRecord.Phase.FAILED, now.minusSeconds(200 - i)));
    }
    earlier.add(action("policy-service", ActionRecord.Phase.APPLIED, now.minusSeconds(30)));
    for (int i = 0; i < 3; i++) {
      earlier.add(action("quote-service", ActionRecord.Phase.VERIFIED, now.minusSeconds(3600 + i)));
    }
    Guardrails restarted = guardrails(false);

    restarted.restore(earlier);

    assertThat(restarted.admit("user-service", FaultClass.UNAVAILABLE, RESTART_USER).reason())
        .contains("circuit breaker is open");
    assertThat(restarted.inFlight("policy-service")).isTrue();
    assertThat(
            restarted
                .admit(
                    "policy-service",
                    FaultClass.UNAVAILABLE,
                    new RemediationPlan(RemediationAction.RESTART, "policy-service", null, "x"))
                .reason())
        .contains("still in flight");
    assertThat(
            restarted
                .admit(
                    "quote-service",
                    FaultClass.UNAVAILABLE,
                    new RemediationPlan(RemediationAction.RESTART, "quote-service", null, "x"))
                .decision())
        .as("an hour ago is outside every window")
        .isEqualTo(Verdict.Decision.GO);
  }

  private static ActionRecord action(String service, ActionRecord.Phase phase, Instant at) {
    return new ActionRecord(
        "act-" + service + at.getEpochSecond(),
        "INC-" + at.getEpochSecond(),
        1,
        "diag-" + at.getEpochSecond(),
        new RemediationPlan(RemediationAction.RESTART, service, null, "x"),
        phase,
        at,
        phase == ActionRecord.Phase.REQUESTED ? null : at.plusSeconds(2),
        null);
  }

  private Guardrails guardrails(boolean killSwitch) {
    return new Guardrails(POLICY, settings(killSwitch), clock);
  }

  private Guardrails.Settings settings(boolean killSwitch) {
    return new Guardrails.Settings(
        killSwitch,
        dir.resolve("stop"),
        3,
        Duration.ofMinutes(10),
        10,
        Duration.ofMinutes(10),
        3,
        Duration.ofMinutes(5));
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
