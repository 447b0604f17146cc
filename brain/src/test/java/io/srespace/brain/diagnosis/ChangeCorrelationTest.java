package io.srespace.brain.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.knowledge.DeployedConfig;
import io.srespace.events.ConfigChange;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.DeploymentHistory;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.IncidentOpened;
import io.srespace.events.RemediationAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incidents that follow a recorded deployment of a suspect, and ones that only look like it. */
class ChangeCorrelationTest {
  private static final Instant AT = DiagnoserTest.AT;

  @TempDir Path gitops;
  private final DeploymentHistory history = new DeploymentHistory();

  @Test
  void errorsRightAfterABadReleaseOfTheSuspectAreARevertOfThatReleaseNotARestart() {
    history.add(AT.minusSeconds(90), release("user-service", "c0ffee12345678", "1.4.0", "1.6.0"));

    DiagnosisMade made = diagnose(Incidents.errorRate(AT)).diagnosis();

    assertThat(made.suspects().get(0).service()).isEqualTo("user-service");
    assertThat(made.plan().action()).isEqualTo(RemediationAction.PULL_REQUEST);
    assertThat(made.plan().reverts()).isEqualTo("c0ffee12345678");
    assertThat(made.plan().change())
        .isEqualTo(new ConfigChange("user-service.env", "RELEASE", "1.6.0", "1.4.0"));
    assertThat(made.plan().reason())
        .contains("deployed 90 s before the first anomaly")
        .contains("RELEASE 1.4.0→1.6.0");
    assertThat(PlanChooser.directive(made.plan()))
        .isEqualTo("MITIGATION: REVERT c0ffee123456 PR user-service RELEASE 1.6.0→1.4.0");
  }

  @Test
  void aReleaseOfTheCalleeBeforeItsCallerSlowedDownIsRevertedOnTheCallee() {
    history.add(AT.minusSeconds(60), release("policy-service", "slow1", "3.1.0", "3.2.0"));

    DiagnosisMade made = diagnose(Incidents.latency(AT)).diagnosis();

    assertThat(made.suspects().get(0).service()).isEqualTo("policy-service");
    assertThat(made.plan().reverts()).isEqualTo("slow1");
  }

  @Test
  void aChangeOutsideTheWindowOrAfterTheFailureBeganIsNotSuspected() {
    history.add(
        AT.minus(Duration.ofMinutes(11)), release("policy-service", "old", "3.1.0", "3.3.0"));
    history.add(AT.plusSeconds(30), release("policy-service", "later", "3.3.0", "3.2.0"));

    DiagnosisMade made = diagnose(Incidents.errorRate(AT)).diagnosis();

    assertThat(made.plan().reverts()).isNull();
    assertThat(made.plan().action()).isEqualTo(RemediationAction.RESTART);
  }

  @Test
  void aRollbackToWhatRanBeforeIsNotSuspected() {
    history.add(AT.minusSeconds(300), release("user-service", "bad", "1.4.0", "1.6.0"));
    history.add(AT.minusSeconds(60), release("user-service", "back", "1.6.0", "1.4.0"));

    DiagnosisMade made = diagnose(Incidents.errorRate(AT)).diagnosis();

    // "back" put back what ran before, and "bad" no longer runs: neither is suspected.
    assertThat(made.plan().reverts()).isNull();
    assertThat(made.plan().action()).isEqualTo(RemediationAction.RESTART);
  }

  @Test
  void aChangeOfAKeyThatCannotCauseThisFailureIsNotSuspected() {
    // The acceptance limit decides purchases; it cannot exhaust the connection pool.
    history.add(
        AT.minusSeconds(60),
        new DeploymentChanged(
            "policy-service",
            "limit",
            List.of(
                new ConfigChange("policy-service.env", "PRICING_ACCEPTANCE_LIMIT", "0.8", "0.75")),
            "operator",
            "tune"));

    DiagnosisMade made = diagnose(Incidents.dbPool(AT)).diagnosis();

    assertThat(made.plan().reverts()).isNull();
    assertThat(made.plan().change().key()).isEqualTo("DB_POOL_MAX_SIZE");
  }

  @Test
  void aDeploymentOfSeveralKeysIsEscalatedWithItsCommit() {
    history.add(
        AT.minusSeconds(45),
        new DeploymentChanged(
            "user-service",
            "multi",
            List.of(
                new ConfigChange("user-service.env", "RELEASE", "1.4.0", "1.6.0"),
                new ConfigChange("user-service.env", "PROFILE_CACHE", "on", "off")),
            "operator",
            "two at once"));

    DiagnosisMade made = diagnose(Incidents.errorRate(AT)).diagnosis();

    assertThat(made.plan().action()).isEqualTo(RemediationAction.ESCALATE);
    assertThat(made.plan().reason()).contains("commit multi").contains("changed 2 keys");
  }

  private DeploymentChanged release(String service, String commit, String from, String to) {
    return new DeploymentChanged(
        service,
        commit,
        List.of(new ConfigChange(service + ".env", "RELEASE", from, to)),
        "operator",
        "release " + to);
  }

  private Diagnoser.Result diagnose(IncidentOpened opened) {
    try {
      Files.copy(
          Path.of("../infra/gitops/policy-service.env"), gitops.resolve("policy-service.env"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Diagnoser diagnoser =
        new Diagnoser(
            DiagnoserTest.GRAPH,
            new PlanChooser(DiagnoserTest.GRAPH, new DeployedConfig(gitops), 0.3),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(
                new ChangeCorrelation(DiagnoserTest.GRAPH, history, Duration.ofMinutes(10))),
            new Diagnoser.Settings(Duration.ofSeconds(30), 0.15, 5),
            Clock.fixed(AT.plusSeconds(10), ZoneOffset.UTC));
    return diagnoser.diagnose(new IncidentFacts("INC-TEST", opened, AT.plusSeconds(2)));
  }
}
