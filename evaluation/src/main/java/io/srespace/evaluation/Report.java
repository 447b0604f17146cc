package io.srespace.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.srespace.events.serde.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything one evaluation found: each fault run, the false incidents of the control period, what
 * went wrong around the runs, and the summary its RESULT line states.
 */
public record Report(
    String mode,
    Instant started,
    Instant finished,
    double controlMinutes,
    List<String> falseIncidents,
    List<RunResult> runs,
    List<String> problems,
    Summary summary) {

  /**
   * The figures the RESULT line states: runs, the share with the right diagnosis and the right
   * action, p95 detection time, p95 mitigation time of the faults meant to be restarted and of
   * those meant to be fixed by a pull request, and the false incidents of the control period. A
   * time is null when no run reached the stage.
   */
  public record Summary(
      int runs,
      double diagOk,
      double actionOk,
      Double ttdP95,
      Double ttmRestartP95,
      Double ttmPullRequestP95,
      int falseIncidents,
      boolean matrix,
      double serviceOk,
      int falseVerifications,
      Double ttmRestartWithoutLeakP95,
      Double ttmRevertP95,
      Double leakLeadMinS,
      int leakRuns,
      int leakRunsShort) {

    /** How long before a leak's heap would have run out it must be acted on. */
    static final double LEAK_LEAD_TARGET_S = 60;

    public static Summary of(List<RunResult> runs, int falseIncidents) {
      return of(runs, falseIncidents, false);
    }

    /**
     * {@code matrix}: the RESULT line is the matrix's, whose restart class leaves the memory leak
     * out (a leak is judged by its lead) and whose reverts are a class of their own.
     */
    public static Summary of(List<RunResult> runs, int falseIncidents, boolean matrix) {
      double[] leads = leads(runs);
      return new Summary(
          runs.size(),
          share(runs, RunResult::diagnosisOk),
          share(runs, RunResult::actionOk),
          Percentiles.of(runs.stream().map(RunResult::ttd).toList(), 0.95),
          ttmP95(runs, "restart", true),
          ttmP95(runs, "pull-request", true),
          falseIncidents + loadIncidents(runs),
          matrix,
          share(
              runs,
              run -> run.load() ? run.diagnosisOk() : run.service().equals(run.diagnosedService())),
          (int) runs.stream().filter(RunResult::falseVerification).count(),
          ttmP95(runs, "restart", false),
          ttmP95(runs, "revert", true),
          leads.length == 0 ? null : Arrays.stream(leads).min().getAsDouble(),
          leads.length,
          (int) Arrays.stream(leads).filter(lead -> lead < LEAK_LEAD_TARGET_S).count());
    }

    /** The leads of the leaks that were acted on while their lead could be told. */
    private static double[] leads(List<RunResult> runs) {
      return runs.stream()
          .filter(run -> run.fault().equals("memory-leak") && run.leadSeconds() != null)
          .mapToDouble(RunResult::leadSeconds)
          .toArray();
    }

    /** What the leaks' leads were, when any was measured: a leak's target is its lead. */
    public Optional<String> leakLine() {
      if (leakLeadMinS == null) {
        return Optional.empty();
      }
      return Optional.of(
          String.format(
              Locale.ROOT,
              "memory leak: acted on %.1f s before the heap would have run out at the latest"
                  + " (%d run%s; %d under %.0f s)",
              leakLeadMinS,
              leakRuns,
              leakRuns == 1 ? "" : "s",
              leakRunsShort,
              LEAK_LEAD_TARGET_S));
    }

    /** The incidents opened under load that was no fault: false ones, like the control's. */
    private static int loadIncidents(List<RunResult> runs) {
      return runs.stream().filter(RunResult::load).mapToInt(RunResult::incidentsOpened).sum();
    }

    private static double share(List<RunResult> runs, Predicate<RunResult> ok) {
      return runs.isEmpty() ? 0 : (double) runs.stream().filter(ok).count() / runs.size();
    }

    private static Double ttmP95(List<RunResult> runs, String action, boolean withLeak) {
      return Percentiles.of(
          runs.stream()
              .filter(run -> run.expectedAction().equals(action))
              .filter(run -> withLeak || !run.fault().equals("memory-leak"))
              .map(RunResult::ttm)
              .toList(),
          0.95);
    }

    /** The report's last line, for people and scripts; a time no run reached is NaN. */
    public String resultLine() {
      if (matrix) {
        // cause_ok: the right service and the right fault class (the diagnosis).
        return String.format(
            Locale.ROOT,
            "RESULT cases=%d service_ok=%.3f cause_ok=%.3f action_ok=%.3f false_verifications=%d"
                + " false_incidents=%d ttm_restart_p95_s=%s ttm_revert_p95_s=%s",
            runs,
            serviceOk,
            diagOk,
            actionOk,
            falseVerifications,
            falseIncidents,
            number(ttmRestartWithoutLeakP95),
            number(ttmRevertP95));
      }
      return String.format(
          Locale.ROOT,
          "RESULT runs=%d diag_ok=%.3f action_ok=%.3f ttd_p95_s=%s ttm_restart_p95_s=%s"
              + " ttm_pr_p95_s=%s false_incidents=%d",
          runs,
          diagOk,
          actionOk,
          number(ttdP95),
          number(ttmRestartP95),
          number(ttmPullRequestP95),
          falseIncidents);
    }

    private static String number(Double seconds) {
      return seconds == null ? "NaN" : String.format(Locale.ROOT, "%.1f", seconds);
    }
  }

  /** Every run healed end to end: detected, recovered, written up, remembered and closed. */
  @JsonProperty
  public boolean healedEndToEnd() {
    return !runs.isEmpty() && runs.stream().allMatch(RunResult::healed);
  }

  /** One row per fault (eval) or per run (tour, matrix). */
  public List<String> table() {
    return "eval".equals(mode) ? perFault() : perRun();
  }

  private List<String> perFault() {
    List<String> lines = new ArrayList<>();
    String format = "%-17s %-15s %4s %8s %8s %8s %8s %8s %8s %7s %7s %7s %7s";
    lines.add(
        format.formatted(
            "fault",
            "service",
            "runs",
            "detected",
            "one inc",
            "diag ok",
            "action ok",
            "verified",
            "healed",
            "TTD p50",
            "TTD p95",
            "TTM p50",
            "TTM p95"));
    // One row per fault and the service it was aimed at (error-rate on two services is two rows).
    Map<String, List<RunResult>> byFault = new LinkedHashMap<>();
    runs.forEach(
        run ->
            byFault
                .computeIfAbsent(run.fault() + "@" + run.service(), f -> new ArrayList<>())
                .add(run));
    byFault.forEach(
        (key, results) -> {
          List<Double> ttd = results.stream().map(RunResult::ttd).toList();
          List<Double> ttm = results.stream().map(RunResult::ttm).toList();
          lines.add(
              format.formatted(
                  results.get(0).fault(),
                  results.get(0).service(),
                  results.size(),
                  count(results, RunResult::detected),
                  count(results, RunResult::oneIncident),
                  count(results, RunResult::diagnosisOk),
                  count(results, RunResult::actionOk),
                  count(results, RunResult::verified),
                  count(results, RunResult::healed),
                  Percentiles.seconds(Percentiles.of(ttd, 0.5)),
                  Percentiles.seconds(Percentiles.of(ttd, 0.95)),
                  Percentiles.seconds(Percentiles.of(ttm, 0.5)),
                  Percentiles.seconds(Percentiles.of(ttm, 0.95))));
        });
    return lines;
  }

  private List<String> perRun() {
    List<String> lines = new ArrayList<>();
    String format = "%-17s %-15s %-24s %5s %9s %9s %9s %6s %6s %6s %6s  %s";
    lines.add(
        format.formatted(
            "fault",
            "service",
            "incident",
            "issue",
            "incidents",
            "diag ok",
            "action ok",
            "TTD",
            "TTDiag",
            "TTM",
            "healed",
            "outcome"));
    for (RunResult run : runs) {
      lines.add(
          format.formatted(
              run.fault(),
              run.service(),
              run.incidentId() == null ? "-" : run.incidentId(),
              run.issue() == null ? "-" : "#" + run.issue(),
              run.incidentsOpened(),
              yes(run.diagnosisOk()),
              yes(run.actionOk()),
              Percentiles.seconds(run.ttd()),
              Percentiles.seconds(run.ttdiag()),
              Percentiles.seconds(run.ttm()),
              yes(run.healed()),
              run.outcome()));
    }
    return lines;
  }

  private static String count(List<RunResult> runs, Predicate<RunResult> test) {
    return runs.stream().filter(test).count() + "/" + runs.size();
  }

  private static String yes(boolean value) {
    return value ? "yes" : "no";
  }

  /** Writes the report as indented JSON, creating the folder. */
  public void write(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    EventJson.mapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }
}
