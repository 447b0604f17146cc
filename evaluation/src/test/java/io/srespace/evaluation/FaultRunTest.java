package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.board.local.LocalGitBoard;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.events.topics.Principal;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Scoring of one fault run from synthetic agent events published to a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class FaultRunTest {
  static final Settings.Limits SHORT =
      new Settings.Limits(
          Duration.ofSeconds(3),
          Duration.ofSeconds(4),
          Duration.ofSeconds(5),
          Duration.ofSeconds(2),
          Duration.ofMillis(300),
          Duration.ofSeconds(5),
          Duration.ZERO,
          Duration.ofSeconds(1));
  static final Scenario KILL =
      new Scenario(
          "kill",
          "policy-service",
          null,
          null,
          new Scenario.Diagnosis("policy-service", "unavailable"),
          new Scenario.Action("restart", "policy-service"));

  @TempDir Path folder;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private LocalGitBoard board;
  private ScriptedSystem system;
  private TimelineConsumer timeline;

  @BeforeEach
  void start(KafkaBroker kafka) {
    board = LocalGitBoard.open(folder.resolve("board.git"), "scout");
    system = new ScriptedSystem(kafka.clientConfig(), board);
    timeline = TimelineConsumer.follow(kafka.clientConfig(Principal.EVALUATOR), Instant.now());
  }

  @AfterEach
  void stop() throws Exception {
    timeline.close();
    system.close();
    board.close();
  }

  private RunResult run(Consumer<ScriptedSystem.Story> story) throws InterruptedException {
    system.onInject(story);
    Narrator narrator =
        new Narrator(new PrintStream(printed, true, StandardCharsets.UTF_8), ZoneId.of("UTC"));
    return new FaultRun(
            KILL,
            1,
            timeline,
            system,
            system,
            new IssueLookup(board),
            SHORT,
            narrator,
            FaultRun.Watcher.NONE)
        .execute();
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void healedIncidentIsScoredRightWithTimesFromTheInjection() throws Exception {
    RunResult result =
        run(
            story ->
                story.healed(
                    "policy-service",
                    FaultClass.UNAVAILABLE,
                    RemediationAction.RESTART,
                    "policy-service"));

    assertThat(result.outcome()).isEqualTo("healed");
    assertThat(result.healed()).isTrue();
    assertThat(result.oneIncident()).isTrue();
    assertThat(result.diagnosisOk()).isTrue();
    assertThat(result.actionOk()).isTrue();
    assertThat(result.issue()).isEqualTo(1);
    assertThat(result.ttd()).isEqualTo(2.3);
    assertThat(result.ttdiag()).isEqualTo(2.6);
    assertThat(result.ttm()).isEqualTo(7.9);
    assertThat(result.ttPostmortem()).isEqualTo(8.2);
    assertThat(printed())
        .contains("+0.0s  kill → policy-service injected")
        .contains("+2.3s  detected  incident " + result.incidentId() + " (issue #1)")
        .contains("+2.6s  diagnosed policy-service / unavailable (confidence 0.82) → restart")
        .contains("+2.7s  action    restart policy-service requested")
        .contains("+7.9s  verified")
        .contains("+8.2s  post-mortem written")
        .contains("post-mortem stored in Memory")
        .contains("issue #1 closed");
  }

  @Test
  void recoveryClaimedWhileTheFaultIsStillOnIsAFalseVerificationWhateverTheAction()
      throws Exception {
    system.faultStillOn(Optional.of(true));
    RunResult result =
        run(
            story ->
                story.healed(
                    "policy-service",
                    FaultClass.UNAVAILABLE,
                    RemediationAction.RESTART,
                    "policy-service"));

    assertThat(result.actionOk()).isTrue();
    assertThat(result.stillOnWhenVerified()).isTrue();
    assertThat(result.falseVerification()).isTrue();
    assertThat(system.asked).containsExactly("kill");
    assertThat(printed()).contains("✗ the fault is still on: a false verification");
    assertThat(Report.Summary.of(List.of(result), 0, true).falseVerifications()).isEqualTo(1);
  }

  @Test
  void recoveryClaimedOnceTheFaultIsGoneIsNoFalseVerification() throws Exception {
    system.faultStillOn(Optional.of(false));
    RunResult result =
        run(
            story ->
                story.healed(
                    "quote-service",
                    FaultClass.UNAVAILABLE,
                    RemediationAction.RESTART,
                    "quote-service"));

    assertThat(result.actionOk()).as("the wrong service restarted").isFalse();
    assertThat(result.falseVerification())
        .as("the ground truth says the condition is gone: the claim was true")
        .isFalse();
    assertThat(printed()).contains("the fault's condition is gone, as verified");
  }

  @Test
  void wrongSuspectAndActionAreScoredWrongButTheRunStillCounts() throws Exception {
    RunResult result =
        run(
            story ->
                story.healed(
                    "quote-service",
                    FaultClass.UNAVAILABLE,
                    RemediationAction.RESTART,
                    "quote-service"));

    assertThat(result.detected()).isTrue();
    assertThat(result.diagnosisOk()).isFalse();
    assertThat(result.actionOk()).isFalse();
    assertThat(result.diagnosedService()).isEqualTo("quote-service");
    assertThat(result.verified()).isTrue();
    assertThat(printed())
        .contains("✗ expected policy-service / unavailable → restart policy-service");
  }

  @Test
  void rightServiceWithWrongFaultClassIsAWrongDiagnosis() throws Exception {
    RunResult result =
        run(
            story ->
                story.healed(
                    "policy-service",
                    FaultClass.LATENCY,
                    RemediationAction.RESTART,
                    "policy-service"));

    assertThat(result.diagnosisOk()).isFalse();
    assertThat(result.actionOk()).isTrue();
  }

  @Test
  void secondIncidentForOneFaultIsCountedAndNotTheOneScored() throws Exception {
    RunResult result =
        run(
            story -> {
              String id = story.opened(2.3, "policy-service");
              String second = story.opened(3.0, "quote-service");
              story.diagnosed(
                  id,
                  3.2,
                  "policy-service",
                  FaultClass.UNAVAILABLE,
                  RemediationAction.RESTART,
                  "policy-service");
              story.acted(id, 3.3, 4.0, RemediationAction.RESTART, "policy-service");
              story.cleared(second, 6);
              story.cleared(id, 6.5);
              story.verified(id, 7, RemediationAction.RESTART, "policy-service");
              story.postmortem(id, 7.5, true, true);
            });

    assertThat(result.incidentsOpened()).isEqualTo(2);
    assertThat(result.oneIncident()).isFalse();
    assertThat(result.ttd()).isEqualTo(2.3);
    assertThat(result.healed()).isTrue();
    assertThat(printed()).contains("another incident");
  }

  @Test
  void appliedActionNeverVerifiedTimesOutWithoutAMitigationTime() throws Exception {
    RunResult result =
        run(
            story -> {
              String id = story.opened(0.5, "policy-service");
              story.diagnosed(
                  id,
                  0.8,
                  "policy-service",
                  FaultClass.UNAVAILABLE,
                  RemediationAction.RESTART,
                  "policy-service");
              story.acted(id, 0.9, 1.5, RemediationAction.RESTART, "policy-service");
            });

    assertThat(result.outcome()).isEqualTo("timed out after 4 s waiting for verified recovery");
    assertThat(result.actionApplied()).isTrue();
    assertThat(result.verified()).isFalse();
    assertThat(result.ttm()).isNull();
    assertThat(result.healed()).isFalse();
    assertThat(result.diagnosisOk()).isTrue();
  }

  @Test
  void theRightPlanThatFixerNeverCarriedOutIsNotTheRightAction() throws Exception {
    RunResult result =
        run(
            story -> {
              String id = story.opened(0.5, "policy-service");
              story.diagnosed(
                  id,
                  0.8,
                  "policy-service",
                  FaultClass.UNAVAILABLE,
                  RemediationAction.RESTART,
                  "policy-service");
            });

    assertThat(result.plannedAction()).isEqualTo("restart");
    assertThat(result.actionApplied()).isFalse();
    assertThat(result.actionOk()).as("scored on what Fixer applied, not on the plan").isFalse();
  }

  @Test
  void noIncidentWithinTheDetectionLimitEndsTheRunUndetected() throws Exception {
    RunResult result = run(story -> {});

    assertThat(result.injected()).isTrue();
    assertThat(result.detected()).isFalse();
    assertThat(result.incidentsOpened()).isZero();
    assertThat(result.ttd()).isNull();
    assertThat(result.outcome()).isEqualTo("not detected within 3 s");
  }

  @Test
  void incidentOpenedAfterTheDetectionLimitIsNotTheFaultsIncident() throws Exception {
    RunResult result = run(story -> story.opened(3.5, "policy-service"));

    assertThat(result.detected()).isFalse();
    assertThat(result.incidentsOpened()).isEqualTo(1);
  }

  @Test
  void escalationEndsTheRunAtOnce() throws Exception {
    RunResult result =
        run(
            story -> {
              String id = story.opened(0.5, "policy-service");
              story.diagnosed(
                  id,
                  0.8,
                  "policy-service",
                  FaultClass.UNAVAILABLE,
                  RemediationAction.ESCALATE,
                  null);
            });

    assertThat(result.escalated()).isTrue();
    assertThat(result.outcome()).startsWith("escalated (Brain escalated: scripted");
    assertThat(result.actionOk()).isFalse();
    assertThat(result.ttdiag()).isEqualTo(0.8);
  }

  @Test
  void postmortemNotRememberedNorClosedIsReportedAsSuch() throws Exception {
    RunResult result =
        run(
            story -> {
              String id = story.opened(0.5, "policy-service");
              story.diagnosed(
                  id,
                  0.6,
                  "policy-service",
                  FaultClass.UNAVAILABLE,
                  RemediationAction.RESTART,
                  "policy-service");
              story.acted(id, 0.7, 0.9, RemediationAction.RESTART, "policy-service");
              story.verified(id, 1.2, RemediationAction.RESTART, "policy-service");
              story.postmortem(id, 1.3, false, false);
            });

    assertThat(result.postmortemWritten()).isTrue();
    assertThat(result.postmortemStored()).isFalse();
    assertThat(result.issueClosed()).isFalse();
    assertThat(result.outcome())
        .isEqualTo("post-mortem written, but not found in Memory, issue #1 still open");
  }

  @Test
  void launcherThatFailsToInjectFailsTheRunClearly() throws Exception {
    system.injectExit(3);
    RunResult result = run(story -> {});

    assertThat(result.injected()).isFalse();
    assertThat(result.outcome()).startsWith("injection failed: launcher exit 3");
  }
}
