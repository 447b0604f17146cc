package io.srespace.evaluation;

import org.assertj.core.api.SoftAssertions;

/** What the end-to-end tests require of every run of a tour, gathered softly. */
final class HealedRuns {
  private HealedRuns() {}

  /**
   * One incident, the right service and class, the right action, recovery verified, the post-mortem
   * in Memory, the issue closed and a time to mitigate, for each run; {@code logs} says where to
   * look when one is missing.
   */
  static SoftAssertions each(Report report, String logs) {
    SoftAssertions softly = new SoftAssertions();
    for (RunResult run : report.runs()) {
      String which = run.fault() + " (" + run.outcome() + "; logs in " + logs + ")";
      softly.assertThat(run.incidentsOpened()).as(which + ": incidents opened").isEqualTo(1);
      softly.assertThat(run.diagnosisOk()).as(which + ": right service and class").isTrue();
      softly.assertThat(run.actionOk()).as(which + ": right action").isTrue();
      softly.assertThat(run.verified()).as(which + ": recovery verified").isTrue();
      softly.assertThat(run.postmortemStored()).as(which + ": post-mortem in Memory").isTrue();
      softly.assertThat(run.issueClosed()).as(which + ": issue closed").isTrue();
      softly.assertThat(run.ttm()).as(which + ": time to mitigate, seconds").isNotNull();
    }
    return softly;
  }
}
