package io.srespace.brain.core.analysis;

/**
 * A signal or rule of the analysis that can be switched off, so an ablation shows what each one
 * earns on every system: a rule that helps one system and hurts another is visible.
 */
public enum Rule {
  SELF_TIME("self-time", "per-operation exclusive span time against the baseline"),
  CALLS_INTO_SLOW("calls-into-slow", "callers' client-span overhead towards a service"),
  ALL_CALLS_OUT_SLOW("all-calls-out-slow", "a service slow to reach all its callees"),
  BEHAVIOUR_LOST("behaviour-lost", "an operation stops making a call or writing a template"),
  LOG_ERRORS("log-errors", "bursts of error and warning templates"),
  CALLERS_BLAME("callers-blame", "errors and lost calls credited to the callee called last"),
  CPU("cpu", "pod CPU against its baseline"),
  SERVER_LATENCY("server-latency", "pod server latency p95 against its baseline"),
  CALLEE_DISCOUNT("callee-discount", "a service loses half of what its callee explains"),
  EGRESS_ADJUST("egress-adjust", "a callee is slow only beyond its caller's calls to everyone"),
  BRANCH_MOVES("branch-moves", "spans moved to another known branch count for nothing"),
  RANK_SUM_CAP("rank-sum-cap", "a latency shift counts only as far as the rank-sum test bears"),
  BASELINE_CLEANING("baseline-cleaning", "anomalous stretches of the baseline are left out");

  private final String label;
  private final String meaning;

  Rule(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  public String label() {
    return label;
  }

  public String meaning() {
    return meaning;
  }
}
