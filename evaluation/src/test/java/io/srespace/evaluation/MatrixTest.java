package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void aSeedDrawsTheSameCasesEveryTimeAndEveryPairBeforeAnyTwice() {
    List<String> first = Matrix.draw(1, 40);
    assertThat(Matrix.draw(1, 40)).isEqualTo(first);
    assertThat(Matrix.draw(2, 40)).isNotEqualTo(first);
    assertThat(first).hasSize(40);
    assertThat(first.subList(0, Matrix.pairs().size()))
        .containsExactlyInAnyOrderElementsOf(Matrix.pairs());
    assertThat(Matrix.pairs())
        .hasSize(35)
        .contains(
            "bad-release@policy-service", "cpu-starvation@user-service", "db-pool@policy-service")
        .contains("network-delay@quote-service", "network-delay@user-service")
        .contains("kill@policy-service+latency@user-service")
        .doesNotContain("db-pool@user-service");
  }

  @Test
  void everyDrawnCaseIsAScenarioAimedAtItsService() throws Exception {
    List<List<Scenario>> cases = Scenario.cases(ROOT, Matrix.pairs());
    assertThat(cases).hasSize(35);
    List<Scenario> overlap =
        cases.get(Matrix.pairs().indexOf("kill@policy-service+latency@user-service"));
    assertThat(overlap)
        .extracting(Scenario::fault, Scenario::service)
        .containsExactly(tuple("kill", "policy-service"), tuple("latency", "user-service"));
    List<Scenario> scenarios =
        cases.stream().filter(c -> c.size() == 1).map(c -> c.get(0)).toList();
    assertThat(scenarios).hasSize(32);
    Scenario surge = cases.get(Matrix.pairs().indexOf("traffic-surge@quote-service")).get(0);
    assertThat(surge.expectsIncident()).isFalse();
    assertThat(surge.expectedClass()).isEqualTo("none");
    assertThat(
            cases.get(
                Matrix.pairs().indexOf("traffic-surge@quote-service+error-rate@user-service")))
        .extracting(Scenario::expectsIncident)
        .containsExactly(false, true);
    Scenario leak = cases.get(Matrix.pairs().indexOf("memory-leak@user-service")).get(0);
    assertThat(leak.service()).isEqualTo("user-service");
    assertThat(leak.rightDiagnosis().service()).isEqualTo("user-service");
    assertThat(leak.rightAction().service()).isEqualTo("user-service");
    assertThat(leak.expectation()).isEqualTo("user-service / memory → restart user-service");
    Scenario release = cases.get(Matrix.pairs().indexOf("bad-release@quote-service")).get(0);
    assertThat(release.expectedClass()).isEqualTo("revert");
  }

  @Test
  void theCommandLineDrawsTheCasesFromTheSeed() {
    Settings settings =
        Settings.parse(
            List.of(
                "--matrix",
                "--seed",
                "7",
                "--cases",
                "5",
                "--control-minutes",
                "0",
                "--root",
                ROOT.toString()),
            Map.of("SRE_SPACE_HOME", "/stack"));
    assertThat(settings.mode()).isEqualTo(Settings.Mode.MATRIX);
    assertThat(settings.runs()).isEqualTo(1);
    assertThat(settings.faults()).isEqualTo(Matrix.draw(7, 5));
    assertThatThrownBy(() -> Settings.parse(List.of("--matrix", "--faults", "kill"), Map.of()))
        .hasMessageContaining("--seed");
    assertThatThrownBy(() -> Settings.parse(List.of("--seed", "1"), Map.of()))
        .hasMessageContaining("go with --matrix");
  }
}
