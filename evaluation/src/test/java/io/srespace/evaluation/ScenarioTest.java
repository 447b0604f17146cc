package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.Fault;
import io.srespace.events.FaultClass;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.knowledge.Remediation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repository's own scenario files, as the evaluation reads them. */
class ScenarioTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyScenarioOfTheCatalogueStatesItsRightActionAsTheTopologyAllowsIt() throws Exception {
    KnowledgeGraph graph = KnowledgeGraph.load(ROOT.resolve("infra/topology.yaml"));
    List<Scenario> scenarios = Scenario.load(ROOT, Settings.CATALOGUE);

    assertThat(scenarios).extracting(Scenario::fault).isEqualTo(Settings.CATALOGUE);
    for (Scenario scenario : scenarios) {
      if (scenario.fault().equals("bad-release")) {
        // Not the fault class's rule: a revert of the release, which the service's rollback allows.
        assertThat(scenario.rightAction().action()).isEqualTo("pull-request");
        assertThat(
                graph.service(scenario.rightAction().service()).orElseThrow().revertible("RELEASE"))
            .isTrue();
        continue;
      }
      FaultClass faultClass =
          FaultClass.valueOf(
              scenario.rightDiagnosis().faultClass().toUpperCase().replace('-', '_'));
      Remediation rule =
          graph.remediation(scenario.rightDiagnosis().service(), faultClass).orElseThrow();
      assertThat(rule.action().id())
          .as("topology's remediation for %s", scenario.fault())
          .isEqualTo(scenario.rightAction().action());
      assertThat(scenario.rightAction().service())
          .as("service %s acts on", scenario.fault())
          .isEqualTo(scenario.rightDiagnosis().service());
    }
  }

  @Test
  void everyFaultHasAScenarioTheEvaluationCanRead() throws Exception {
    List<String> faults = Arrays.stream(Fault.values()).map(Fault::id).toList();
    assertThat(Scenario.load(ROOT, faults)).extracting(Scenario::fault).isEqualTo(faults);
  }

  @Test
  void chaosArgumentsCarryIntensityAndDurationAsPeopleTypeThem() throws Exception {
    List<Scenario> scenarios = Scenario.load(ROOT, List.of("latency", "db-pool", "kill"));

    assertThat(scenarios.get(0).chaosArguments())
        .containsExactly(
            "chaos", "latency", "policy-service", "--intensity", "800", "--duration", "120");
    assertThat(scenarios.get(1).chaosArguments())
        .containsExactly("chaos", "db-pool", "policy-service", "--intensity", "4");
    assertThat(scenarios.get(2).chaosArguments())
        .containsExactly("chaos", "kill", "policy-service");
  }

  @Test
  void enumerationNamesCompareWhicheverWayTheyAreSpelt() throws Exception {
    Scenario conversion = Scenario.load(ROOT, List.of("conversion-break")).get(0);

    assertThat(conversion.diagnosisMatches("policy-service", "WRONG_RESULT")).isTrue();
    assertThat(conversion.diagnosisMatches("policy-service", "wrong-result")).isTrue();
    assertThat(conversion.diagnosisMatches("quote-service", "wrong-result")).isFalse();
    assertThat(conversion.actionMatches("PULL_REQUEST", "policy-service")).isTrue();
    assertThat(conversion.actionMatches("restart", "policy-service")).isFalse();
  }
}
