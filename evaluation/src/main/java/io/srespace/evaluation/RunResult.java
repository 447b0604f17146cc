package io.srespace.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What happened to one injected fault, end to end: whether Scout opened exactly one incident, Brain
 * named the right service, fault class and action, Fixer's action was verified, and the post-mortem
 * reached Memory and closed the issue; times in seconds since the injection ({@code null} when the
 * stage was not reached); whether the fault's condition was still there when recovery was claimed;
 * for a leak, its lead: how long before the service would have gone down it was acted on.
 */
public record RunResult(
    String fault,
    String service,
    int run,
    String expectedAction,
    boolean injected,
    Instant injectedAt,
    String incidentId,
    Integer issue,
    int incidentsOpened,
    String diagnosedService,
    String diagnosedFaultClass,
    Double confidence,
    String plannedAction,
    String plannedService,
    boolean diagnosisOk,
    boolean actionOk,
    boolean actionApplied,
    boolean verified,
    boolean escalated,
    boolean postmortemWritten,
    boolean postmortemStored,
    boolean issueClosed,
    Double ttd,
    Double ttdiag,
    Double ttm,
    Double ttPostmortem,
    boolean repaired,
    int repairIncidents,
    String outcome,
    Boolean stillOnWhenVerified,
    Double leadSeconds) {

  /**
   * Recovery was claimed while the fault's condition was still there (ground truth, asked at the
   * claim); where that could not be asked, a recovery claimed after anything but the right action.
   */
  @JsonProperty
  public boolean falseVerification() {
    return verified && (stillOnWhenVerified == null ? !actionOk : stillOnWhenVerified);
  }

  @JsonProperty
  public boolean detected() {
    return incidentId != null;
  }

  /** Load that is no fault (a traffic surge): the right outcome is no incident. */
  @JsonProperty
  public boolean load() {
    return "none".equals(expectedAction);
  }

  /** Scout opened one incident for the fault, not two. */
  @JsonProperty
  public boolean oneIncident() {
    return incidentsOpened == 1;
  }

  /** Detected, recovered, written up, remembered and closed. */
  @JsonProperty
  public boolean healed() {
    return detected() && verified && postmortemWritten && postmortemStored && issueClosed;
  }

  /** A run whose injection failed: nothing to measure. */
  static RunResult notInjected(Scenario scenario, int run, String outcome) {
    return withoutIncident(scenario, run, false, null, 0, false, outcome);
  }

  /**
   * A run of load that is no fault, injected at {@code injectedAt}: {@code falseIncidents} opened
   * under it, right when there were none and the load ran.
   */
  static RunResult underLoad(
      Scenario scenario,
      int run,
      Instant injectedAt,
      int falseIncidents,
      boolean right,
      String outcome) {
    return withoutIncident(scenario, run, true, injectedAt, falseIncidents, right, outcome);
  }

  private static RunResult withoutIncident(
      Scenario scenario,
      int run,
      boolean injected,
      Instant injectedAt,
      int incidents,
      boolean right,
      String outcome) {
    return new RunResult(
        scenario.fault(),
        scenario.service(),
        run,
        scenario.expectedClass(),
        injected,
        injectedAt,
        null,
        null,
        incidents,
        null,
        null,
        null,
        null,
        null,
        right,
        right,
        false,
        false,
        false,
        false,
        false,
        false,
        null,
        null,
        null,
        null,
        false,
        0,
        outcome,
        null,
        null);
  }

  /** The same run after the system was repaired and settled. */
  public RunResult afterRepair(boolean repaired, int repairIncidents) {
    return new RunResult(
        fault,
        service,
        run,
        expectedAction,
        injected,
        injectedAt,
        incidentId,
        issue,
        incidentsOpened,
        diagnosedService,
        diagnosedFaultClass,
        confidence,
        plannedAction,
        plannedService,
        diagnosisOk,
        actionOk,
        actionApplied,
        verified,
        escalated,
        postmortemWritten,
        postmortemStored,
        issueClosed,
        ttd,
        ttdiag,
        ttm,
        ttPostmortem,
        repaired,
        repairIncidents,
        outcome,
        stillOnWhenVerified,
        leadSeconds);
  }
}
