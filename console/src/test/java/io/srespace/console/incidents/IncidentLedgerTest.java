package io.srespace.console.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.console.ConsoleConfig;
import io.srespace.console.TestConfig;
import io.srespace.events.ApprovalRequested;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.GoldenEvents;
import io.srespace.events.IncidentOpened;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.QuoteRequested;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationVerified;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncidentLedgerTest {
  /** Scout announces the golden incident 3 s after its first anomaly. */
  private static final Instant OPENED = opened().firstSeen().plusSeconds(3);

  private final IncidentLedger ledger = new IncidentLedger(config(200));

  @Test
  void followsAnIncidentFromDetectionToVerifiedRecoveryWithItsTimes() {
    ledger.record(at(IncidentOpened.class, 0));
    assertThat(state()).isEqualTo(State.DETECTED);
    ledger.record(at(DiagnosisMade.class, 1.5));
    assertThat(state()).isEqualTo(State.DIAGNOSED);
    ledger.record(at(RemediationRequested.class, 2));
    assertThat(state()).isEqualTo(State.MITIGATING);
    ledger.record(at(RemediationApplied.class, 4));
    assertThat(state()).isEqualTo(State.VERIFYING);
    ledger.record(at(RemediationVerified.class, 20));
    ledger.record(at(PostmortemWritten.class, 21));

    IncidentView incident = ledger.find("INC-1").orElseThrow();
    assertThat(incident.state()).isEqualTo(State.RESOLVED);
    assertThat(incident.issue()).isEqualTo(41);
    assertThat(incident.title()).isEqualTo(opened().title());
    assertThat(incident.secondsToDiagnose()).isEqualTo(1.5);
    assertThat(incident.secondsToMitigate()).isEqualTo(20.0);
    assertThat(incident.secondsToDetect()).isEqualTo(3.0);
    assertThat(incident.steps())
        .extracting(Step::stage)
        .containsExactly(
            Stage.DETECTED,
            Stage.DIAGNOSED,
            Stage.ACTION_REQUESTED,
            Stage.ACTION_APPLIED,
            Stage.VERIFIED,
            Stage.POSTMORTEM);
    assertThat(incident.traceIds()).contains("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void anIncidentsEventsInAnyOrderGiveTheSameTimelineAndState() {
    ledger.record(at(RemediationVerified.class, 20));
    ledger.record(at(DiagnosisMade.class, 1.5));
    assertThat(ledger.find("INC-1").orElseThrow().title())
        .as("named by its id until its opening arrives")
        .isEqualTo("INC-1");
    ledger.record(at(IncidentOpened.class, 0));

    IncidentView incident = ledger.find("INC-1").orElseThrow();
    assertThat(incident.state()).isEqualTo(State.RESOLVED);
    assertThat(incident.title()).isEqualTo(opened().title());
    assertThat(incident.steps())
        .extracting(Step::stage)
        .containsExactly(Stage.DETECTED, Stage.DIAGNOSED, Stage.VERIFIED);
  }

  @Test
  void anEventDeliveredTwiceCountsOnce() {
    Event<EventPayload> opened = at(IncidentOpened.class, 0);

    assertThat(ledger.record(opened)).isTrue();
    assertThat(ledger.record(opened)).isFalse();

    assertThat(ledger.find("INC-1").orElseThrow().steps()).hasSize(1);
  }

  @Test
  void anApprovalWaitsAndAnEscalatedFailureEndsEscalated() {
    ledger.record(at(IncidentOpened.class, 0));
    ledger.record(at(DiagnosisMade.class, 1));
    ledger.record(at(ApprovalRequested.class, 2));
    assertThat(state()).isEqualTo(State.AWAITING_APPROVAL);

    ledger.record(at(RemediationFailed.class, 3));

    assertThat(((RemediationFailed) GoldenEvents.event(RemediationFailed.class).data()).escalated())
        .isTrue();
    assertThat(state()).isEqualTo(State.ESCALATED);
  }

  @Test
  void anActionFixerAsksAboutAwaitsItsAnswerUntilItIsApplied() {
    ledger.record(at(IncidentOpened.class, 0));
    ledger.record(at(DiagnosisMade.class, 1));
    ledger.record(at(RemediationRequested.class, 2));
    assertThat(ledger.awaiting(INCIDENT)).isEmpty();
    ledger.record(at(ApprovalRequested.class, 3));

    assertThat(state()).isEqualTo(State.AWAITING_APPROVAL);
    assertThat(ledger.awaiting(INCIDENT))
        .get()
        .satisfies(
            awaiting -> {
              assertThat(awaiting.request().actionId())
                  .isEqualTo(
                      ((ApprovalRequested) GoldenEvents.event(ApprovalRequested.class).data())
                          .actionId());
              assertThat(awaiting.issue()).isEqualTo(41);
            });

    ledger.record(at(RemediationApplied.class, 60));
    assertThat(state()).isEqualTo(State.VERIFYING);
    assertThat(ledger.awaiting(INCIDENT)).isEmpty();
  }

  @Test
  void aFloodOfEventsForOneIncidentIsCutAtItsMostSteps() {
    for (int i = 0; i < IncidentLedger.MOST_STEPS + 50; i++) {
      ledger.record(at(IncidentOpened.class, i));
    }

    assertThat(ledger.find(INCIDENT).orElseThrow().steps()).hasSize(IncidentLedger.MOST_STEPS);
  }

  @Test
  void eventsOfNoIncidentAreNotIncidents() {
    assertThat(ledger.record(GoldenEvents.event(QuoteRequested.class))).isFalse();
    assertThat(ledger.all()).isEmpty();
  }

  @Test
  void keepsTheNewestIncidentsOnly() {
    IncidentLedger small = new IncidentLedger(config(2));
    for (int i = 1; i <= 3; i++) {
      small.record(Golden.event(IncidentOpened.class, "INC-" + i, i, OPENED.plusSeconds(i)));
    }

    assertThat(small.all()).extracting(IncidentView::incidentId).containsExactly("INC-3", "INC-2");
    assertThat(small.find("INC-1")).isEmpty();
  }

  private static final String INCIDENT = "INC-1";

  private State state() {
    return ledger.find(INCIDENT).map(IncidentView::state).orElseThrow();
  }

  private static IncidentOpened opened() {
    return (IncidentOpened) GoldenEvents.event(IncidentOpened.class).data();
  }

  private static Event<EventPayload> at(Class<? extends EventPayload> type, double seconds) {
    return Golden.event(type, "INC-1", 41, OPENED.plusMillis((long) (seconds * 1000)));
  }

  private static ConsoleConfig config(int incidentsKept) {
    return new TestConfig(incidentsKept);
  }
}
