package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void percentileIsTheNearestRankAndIgnoresMissingTimes() {
    List<Double> times = Arrays.asList(5.0, null, 1.0, 3.0, 2.0, 4.0);

    assertThat(Percentiles.of(times, 0.5)).isEqualTo(3.0);
    assertThat(Percentiles.of(times, 0.95)).isEqualTo(5.0);
    assertThat(Percentiles.of(List.of(7.0), 0.95)).isEqualTo(7.0);
    assertThat(Percentiles.of(Arrays.asList((Double) null), 0.5)).isNull();
    assertThat(Percentiles.seconds(null)).isEqualTo("-");
  }

  @Test
  void resultLineStatesSharesAndTheP95OfEachActionClass() {
    List<RunResult> runs =
        List.of(
            run("kill", "restart", true, true, 2.0, 8.0),
            run("kill", "restart", true, false, 4.0, 12.0),
            run("db-pool", "pull-request", false, true, 9.0, 40.0),
            run("db-pool", "pull-request", true, true, null, null));

    Report.Summary summary = Report.Summary.of(runs, 1);

    assertThat(summary.resultLine())
        .isEqualTo(
            "RESULT runs=4 diag_ok=0.750 action_ok=0.750 ttd_p95_s=9.0 ttm_restart_p95_s=12.0"
                + " ttm_pr_p95_s=40.0 false_incidents=1");
  }

  @Test
  void theMatrixLineLeavesTheLeakOutOfTheRestartClassAndCountsFalseVerifications() {
    List<RunResult> runs =
        List.of(
            run("memory-leak", "restart", true, true, 30.0, 80.0),
            run("kill", "restart", true, true, 3.0, 20.0),
            run("bad-release", "revert", true, true, 28.0, 50.0),
            // packet loss restarted and "verified": the wrong action, and a false verification
            run("packet-loss", "escalate", false, false, 12.0, 40.0));

    assertThat(Report.Summary.of(runs, 2, true).resultLine())
        .isEqualTo(
            "RESULT cases=4 service_ok=0.750 cause_ok=0.750 action_ok=0.750 false_verifications=1"
                + " false_incidents=2 ttm_restart_p95_s=20.0 ttm_revert_p95_s=50.0");
  }

  @Test
  void aLeakIsJudgedByItsShortestLead() {
    RunResult early = withLead(run("memory-leak", "restart", true, true, 90.0, 120.0), 75.0);
    RunResult late = withLead(run("memory-leak", "restart", true, true, 150.0, 170.0), 12.5);
    RunResult kill = run("kill", "restart", true, true, 3.0, 20.0);

    Report.Summary summary = Report.Summary.of(List.of(early, kill, late), 0, true);

    assertThat(summary.leakLeadMinS()).isEqualTo(12.5);
    assertThat(summary.leakLine())
        .hasValue(
            "memory leak: acted on 12.5 s before the heap would have run out at the latest"
                + " (2 runs; 1 under 60 s)");
    assertThat(Report.Summary.of(List.of(kill), 0, true).leakLine()).isEmpty();
  }

  private static RunResult withLead(RunResult run, double lead) {
    return new RunResult(
        run.fault(),
        run.service(),
        run.run(),
        run.expectedAction(),
        run.injected(),
        run.injectedAt(),
        run.incidentId(),
        run.issue(),
        run.incidentsOpened(),
        run.diagnosedService(),
        run.diagnosedFaultClass(),
        run.confidence(),
        run.plannedAction(),
        run.plannedService(),
        run.diagnosisOk(),
        run.actionOk(),
        run.actionApplied(),
        run.verified(),
        run.escalated(),
        run.postmortemWritten(),
        run.postmortemStored(),
        run.issueClosed(),
        run.ttd(),
        run.ttdiag(),
        run.ttm(),
        run.ttPostmortem(),
        run.repaired(),
        run.repairIncidents(),
        run.outcome(),
        run.stillOnWhenVerified(),
        lead);
  }

  @Test
  void aClassNoRunMitigatedIsNaNInTheResultLine() {
    Report.Summary summary =
        Report.Summary.of(List.of(run("kill", "restart", true, true, 2.3, 7.9)), 0);

    assertThat(summary.resultLine())
        .isEqualTo(
            "RESULT runs=1 diag_ok=1.000 action_ok=1.000 ttd_p95_s=2.3 ttm_restart_p95_s=7.9"
                + " ttm_pr_p95_s=NaN false_incidents=0");
  }

  @Test
  void evalTableHasOneRowPerFault() {
    List<RunResult> runs =
        List.of(
            run("kill", "restart", true, true, 2.0, 8.0),
            run("kill", "restart", false, true, 3.0, 9.0),
            run("db-pool", "pull-request", true, true, 9.0, 40.0));
    Report report = report(runs);

    assertThat(report.table()).hasSize(3);
    assertThat(report.table().get(1))
        .startsWith("kill")
        .contains("2/2", "1/2")
        .contains("2.0     3.0     8.0     9.0");
  }

  @Test
  void aFaultAimedAtTwoServicesIsTwoRows() {
    List<RunResult> runs =
        List.of(
            run("error-rate", "user-service", "restart", true, true, 7.0, 21.0),
            run("error-rate", "quote-service", "restart", true, true, 9.0, 29.0));
    Report report = report(runs);

    assertThat(report.table()).hasSize(3);
    assertThat(report.table().get(1)).startsWith("error-rate").contains("user-service", "21.0");
    assertThat(report.table().get(2)).startsWith("error-rate").contains("quote-service", "29.0");
  }

  /** The eval's report of these runs, with no control period. */
  private static Report report(List<RunResult> runs) {
    return new Report(
        "eval",
        Instant.EPOCH,
        Instant.EPOCH,
        0,
        List.of(),
        runs,
        List.of(),
        Report.Summary.of(runs, 0));
  }

  static RunResult run(
      String fault, String action, boolean diagnosisOk, boolean actionOk, Double ttd, Double ttm) {
    return run(fault, "policy-service", action, diagnosisOk, actionOk, ttd, ttm);
  }

  static RunResult run(
      String fault,
      String service,
      String action,
      boolean diagnosisOk,
      boolean actionOk,
      Double ttd,
      Double ttm) {
    return new RunResult(
        fault,
        service,
        1,
        action,
        true,
        Instant.EPOCH,
        ttd == null ? null : "INC-1",
        null,
        ttd == null ? 0 : 1,
        diagnosisOk ? "policy-service" : "user-service",
        null,
        null,
        null,
        null,
        diagnosisOk,
        actionOk,
        ttm != null,
        ttm != null,
        false,
        false,
        false,
        false,
        ttd,
        ttd,
        ttm,
        null,
        true,
        0,
        "scripted",
        null,
        null);
  }
}
