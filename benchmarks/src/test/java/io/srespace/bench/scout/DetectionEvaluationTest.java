package io.srespace.bench.scout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionEvaluationTest {
  @Test
  void readsEveryScenarioOfTheCatalogueWithItsTarget() throws Exception {
    List<DetectionEvaluation.Scenario> scenarios =
        DetectionEvaluation.scenarios(DetectionEvaluation.Settings.parse("--root", ".."));
    assertThat(scenarios)
        .extracting(DetectionEvaluation.Scenario::fault)
        .containsExactly(
            "kill",
            "dependency-down",
            "error-rate",
            "latency",
            "db-pool",
            "conversion-break",
            "memory-leak");
    assertThat(scenarios)
        .filteredOn(s -> s.fault().equals("kill"))
        .singleElement()
        .satisfies(
            kill -> {
              assertThat(kill.service()).isEqualTo("policy-service");
              assertThat(kill.detectWithin()).isEqualTo(5);
            });
    assertThat(scenarios)
        .filteredOn(s -> s.fault().equals("memory-leak"))
        .singleElement()
        .satisfies(
            leak -> {
              assertThat(leak.detectWithin()).isNull();
              assertThat(leak.flagBeforeDeath()).isEqualTo(30);
              assertThat(leak.intensity()).isEqualTo(0.5);
            });
  }

  @Test
  void picksTheFaultsAskedForAndRefusesUnknownOnes() throws Exception {
    var settings = DetectionEvaluation.Settings.parse("--root", "..", "--faults", "latency,kill");
    assertThat(DetectionEvaluation.scenarios(settings))
        .extracting(DetectionEvaluation.Scenario::fault)
        .containsExactly("latency", "kill");
    assertThat(settings.root()).isEqualTo(Path.of("..").toAbsolutePath().normalize());

    assertThatThrownBy(
            () ->
                DetectionEvaluation.scenarios(
                    DetectionEvaluation.Settings.parse("--root", "..", "--faults", "flood")))
        .hasMessageContaining("no scenario for fault 'flood'");
    assertThatThrownBy(() -> DetectionEvaluation.Settings.parse("--runs"))
        .hasMessageContaining("expected --option value");
    assertThatThrownBy(() -> DetectionEvaluation.Settings.parse("--speed", "2"))
        .hasMessageContaining("unknown option --speed");
    assertThatThrownBy(
            () -> DetectionEvaluation.scenarios(DetectionEvaluation.Settings.parse("--root", "/")))
        .hasMessageContaining("no scenario folder");
  }
}
