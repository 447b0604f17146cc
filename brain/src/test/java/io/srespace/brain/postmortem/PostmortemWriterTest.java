package io.srespace.brain.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.diagnosis.Confidence;
import io.srespace.brain.diagnosis.Diagnoser;
import io.srespace.brain.diagnosis.IncidentFacts;
import io.srespace.brain.diagnosis.Incidents;
import io.srespace.events.ConfigChange;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.FaultClass;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationPlan;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Suspect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostmortemWriterTest {
  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void theTimesToDetectDiagnoseAndMitigateComeFromTheIncidentsOwnEvents() {
    IncidentRecord record =
        new IncidentRecord(new IncidentFacts("INC-7", Incidents.kill(T0), T0.plusSeconds(3)), 7);
    DiagnosisMade made =
        new DiagnosisMade(
            List.of(
                new Suspect(
                    "user-service",
                    1,
                    FaultClass.UNAVAILABLE,
                    List.of("Scout: health on user-service"),
                    List.of("abc"))),
            FaultClass.UNAVAILABLE,
            0.8,
            new RemediationPlan(RemediationAction.RESTART, "user-service", null, "it is down"),
            "unavailable on user-service",
            List.of());
    record.diagnosed(result(made), T0.plusMillis(3_400), "d1");
    record.action(
        Event.of(
            "fixer",
            "INC-7",
            7,
            T0.plusSeconds(5),
            new RemediationApplied(
                "a1", RemediationAction.RESTART, "user-service", "restarted", null)));
    RemediationVerified verified =
        new RemediationVerified(
            "a1", RemediationAction.RESTART, "user-service", "healthy again", T0.plusSeconds(12));

    PostmortemWritten pm =
        PostmortemWriter.write(record, verified, T0.plusSeconds(40), T0.plusSeconds(41));

    assertThat(pm.timeline().detectedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(pm.timeline().mitigatedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(pm.timeline().resolvedAt()).isEqualTo(T0.plusSeconds(12));
    assertThat(pm.markdown())
        .contains("time to detect: 3.0 s")
        .contains("time to diagnose: 0.4 s")
        .contains("time to mitigate: 9.0 s")
        .contains("MITIGATION: RESTART user-service")
        .contains("traces: abc")
        .contains("issue #7");
    assertThat(pm.issue()).isEqualTo("#7");
    assertThat(pm.action()).isEqualTo(RemediationAction.RESTART);
    assertThat(pm.symptoms()).contains("health on user-service");
  }

  @Test
  void thePostmortemTellsTheDiagnosisFixerCarriedOutNotALaterOne() {
    IncidentRecord record =
        new IncidentRecord(
            new IncidentFacts("INC-8", Incidents.dbPool(T0), T0.plusSeconds(3)), null);
    record.diagnosed(result(poolDiagnosis("4", "8")), T0.plusSeconds(4), "d1");
    record.action(
        Event.of(
            "fixer",
            "INC-8",
            8,
            T0.plusSeconds(5),
            new RemediationRequested("a1", poolDiagnosis("4", "8").plan(), "d1")));
    // Evidence that arrives after the redeploy reads the new value and would double it again.
    record.diagnosed(result(poolDiagnosis("8", "16")), T0.plusSeconds(9), "d2");
    RemediationVerified verified =
        new RemediationVerified(
            "a1",
            RemediationAction.PULL_REQUEST,
            "policy-service",
            "healthy again",
            T0.plusSeconds(20));

    PostmortemWritten pm =
        PostmortemWriter.write(record, verified, T0.plusSeconds(20), T0.plusSeconds(21));

    assertThat(pm.change())
        .isEqualTo(new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "8"));
    assertThat(pm.markdown()).contains("DB_POOL_MAX_SIZE 4→8").doesNotContain("8→16");
  }

  private static DiagnosisMade poolDiagnosis(String from, String to) {
    return new DiagnosisMade(
        List.of(
            new Suspect(
                "policy-service",
                1,
                FaultClass.RESOURCE_EXHAUSTION,
                List.of("Scout: db-pool on policy-service"),
                List.of())),
        FaultClass.RESOURCE_EXHAUSTION,
        0.8,
        new RemediationPlan(
            RemediationAction.PULL_REQUEST,
            "policy-service",
            new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", from, to),
            "the pool runs dry"),
        "resource-exhaustion on policy-service",
        List.of());
  }

  private static Diagnoser.Result result(DiagnosisMade made) {
    return new Diagnoser.Result(
        made,
        new Confidence(0.8, 0.6, 1),
        List.of(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Duration.ZERO);
  }
}
