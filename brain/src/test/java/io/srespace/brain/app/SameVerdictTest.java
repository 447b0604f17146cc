package io.srespace.brain.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.DiagnosisMade;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.events.Suspect;
import java.util.List;
import org.junit.jupiter.api.Test;

class SameVerdictTest {

  @Test
  void aRememberedRestartWhoseDistanceMovedIsTheSameVerdict() {
    DiagnosisMade first = restart("the same fault was fixed this way, distance 0.112");
    DiagnosisMade again = restart("the same fault was fixed this way, distance 0.097");
    assertThat(IncidentDiagnosis.sameVerdict(first, again)).isTrue();
  }

  @Test
  void anotherActionServiceOrEscalationReasonIsANewVerdict() {
    DiagnosisMade restart = restart("why");
    DiagnosisMade elsewhere =
        made(new RemediationPlan(RemediationAction.RESTART, "quote-service", null, "why", null));
    DiagnosisMade weak =
        made(new RemediationPlan(RemediationAction.ESCALATE, "user-service", null, "weak", null));
    DiagnosisMade onTheWay =
        made(new RemediationPlan(RemediationAction.ESCALATE, "user-service", null, "way", null));
    assertThat(IncidentDiagnosis.sameVerdict(restart, elsewhere)).isFalse();
    assertThat(IncidentDiagnosis.sameVerdict(restart, weak)).isFalse();
    assertThat(IncidentDiagnosis.sameVerdict(weak, onTheWay)).isFalse();
    assertThat(IncidentDiagnosis.sameVerdict(weak, weak)).isTrue();
  }

  private static DiagnosisMade restart(String reason) {
    return made(new RemediationPlan(RemediationAction.RESTART, "user-service", null, reason, null));
  }

  private static DiagnosisMade made(RemediationPlan plan) {
    Suspect suspect =
        new Suspect(plan.service(), 0.9, FaultClass.UNAVAILABLE, List.of("e"), List.of());
    return new DiagnosisMade(List.of(suspect), FaultClass.UNAVAILABLE, 0.9, plan, "s", List.of());
  }
}
