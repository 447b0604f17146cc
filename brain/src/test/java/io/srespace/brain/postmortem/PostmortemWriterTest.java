package io.srespace.brain.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.brain.diagnosis.Confidence;
import io.srespace.brain.diagnosis.Diagnoser;
import io.srespace.brain.diagnosis.IncidentFacts;
import io.srespace.brain.diagnosis.Incidents;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.FaultClass;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationPlan;
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
        new IncidentRecord(new IncidentFacts("INC-7", Incidents.kill(T0), T0.plusSeconds(3)));
    record.issue(7);
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
    record.diagnosed(
        new Diagnoser.Result(
            made,
            new Confidence(0.8, 0.6, 1),
            List.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Duration.ZERO),
        T0.plusMillis(3_400));
    record.action(
        Event.of(
            "fixer",
            "INC-7",
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
}
