package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.board.local.LocalGitBoard;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A whole tour over the real broker, with a scripted system in place of the stack. */
@ExtendWith(KafkaBrokerExtension.class)
class EvaluationTest {
  @TempDir Path folder;

  @Test
  void tourReportsEachHealedIncidentCountsRepairIncidentsApartAndEndsWithTheResultLine(
      KafkaBroker kafka) throws Exception {
    Path json = folder.resolve("tour.json");
    Settings settings =
        Settings.parse(
                List.of(
                    "--mode", "tour",
                    "--faults", "kill,dependency-down",
                    "--root", ScenarioTest.ROOT.toString(),
                    "--kafka", kafka.bootstrapServers(),
                    "--credentials", kafka.credentialsIn(folder.resolve("users")).toString(),
                    "--json", json.toString()),
                Map.of())
            .withLimits(FaultRunTest.SHORT);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Report report;
    try (LocalGitBoard board = LocalGitBoard.open(folder.resolve("board.git"), "scout");
        ScriptedSystem system = new ScriptedSystem(kafka.clientConfig(), board)) {
      system
          .onInject(
              story ->
                  story.healed(
                      "policy-service",
                      FaultClass.UNAVAILABLE,
                      RemediationAction.RESTART,
                      "policy-service"))
          .onInject(
              story ->
                  story.healed(
                      "quote-service",
                      FaultClass.ERRORS,
                      RemediationAction.RESTART,
                      "quote-service"))
          .onRepair(story -> story.opened(0, "user-service"));
      report =
          Evaluation.run(
              settings,
              system,
              system,
              board,
              new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertThat(system.calls)
          .containsExactly(
              "chaos kill policy-service",
              "repair",
              "chaos dependency-down user-service",
              "repair");
    }

    assertThat(report.runs()).hasSize(2);
    assertThat(report.runs()).allMatch(RunResult::healed).allMatch(RunResult::repaired);
    assertThat(report.runs()).extracting(RunResult::repairIncidents).containsExactly(1, 1);
    assertThat(report.runs()).extracting(RunResult::diagnosisOk).containsExactly(true, false);
    assertThat(report.healedEndToEnd()).isTrue();
    assertThat(report.summary().falseIncidents()).isZero();
    assertThat(report.summary().diagOk()).isEqualTo(0.5);
    assertThat(Files.readString(json)).contains("\"healedEndToEnd\" : true", "\"ttd\" : 2.3");
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "RESULT runs=2 diag_ok=0.500 action_ok=0.500 ttd_p95_s=2.3 ttm_restart_p95_s=7.9"
                + " ttm_pr_p95_s=NaN false_incidents=0");
    assertThat(lines).anyMatch(line -> line.startsWith("kill") && line.endsWith("healed"));
  }

  @Test
  void overlappingFaultsAreInjectedTogetherAndEachIsScoredByTheIncidentNamingItsService(
      KafkaBroker kafka) throws Exception {
    Settings settings =
        Settings.parse(
                List.of(
                    "--faults",
                        "kill@policy-service+latency@user-service,kill@policy-service+latency@user-service",
                    "--runs", "1",
                    "--control-minutes", "0",
                    "--root", ScenarioTest.ROOT.toString(),
                    "--kafka", kafka.bootstrapServers(),
                    "--credentials", kafka.credentialsIn(folder.resolve("users")).toString(),
                    "--json", folder.resolve("eval.json").toString()),
                Map.of())
            .withLimits(FaultRunTest.SHORT);
    Report report;
    try (LocalGitBoard board = LocalGitBoard.open(folder.resolve("board.git"), "scout");
        ScriptedSystem system = new ScriptedSystem(kafka.clientConfig(), board)) {
      system
          .onInject(
              story ->
                  story.healed(
                      "policy-service",
                      FaultClass.UNAVAILABLE,
                      RemediationAction.RESTART,
                      "policy-service"))
          .onInject(
              story ->
                  story.healed(
                      "user-service",
                      FaultClass.LATENCY,
                      RemediationAction.RESTART,
                      "user-service"))
          // The second time, one incident only: the slow user-service went unseen.
          .onInject(
              story ->
                  story.healed(
                      "policy-service",
                      FaultClass.UNAVAILABLE,
                      RemediationAction.RESTART,
                      "policy-service"))
          .onInject(story -> {});
      report =
          Evaluation.run(
              settings, system, system, board, new PrintStream(new ByteArrayOutputStream()));
      assertThat(system.calls)
          .containsExactly(
              "chaos kill policy-service",
              "chaos latency user-service --intensity 800 --duration 120",
              "repair",
              "chaos kill policy-service",
              "chaos latency user-service --intensity 800 --duration 120",
              "repair");
    }

    assertThat(report.runs())
        .extracting(RunResult::service)
        .containsExactly("policy-service", "user-service", "policy-service", "user-service");
    assertThat(report.runs())
        .extracting(RunResult::diagnosisOk)
        .containsExactly(true, true, true, false);
    assertThat(report.runs().get(0).incidentId()).isNotEqualTo(report.runs().get(1).incidentId());
    assertThat(report.runs().get(3).detected()).isFalse();
  }
}
