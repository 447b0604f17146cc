package io.srespace.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChaosScenariosTest {
  private static final Path SCENARIOS = Path.of("..", "..", "chaos", "scenarios");

  @Test
  void everyFaultOfTheCatalogueHasAScenarioStatingItsSymptomAndTheRightAnswers() throws Exception {
    for (Fault fault : Fault.values()) {
      Path scenario = SCENARIOS.resolve(fault.id() + ".yaml");
      assertThat(scenario).as(fault.id()).exists();
      String text = Files.readString(scenario);
      assertThat(text)
          .as(scenario.toString())
          .contains("fault: " + fault.id() + "\n")
          .containsPattern("\nservice: (quote|policy|user)-service\n")
          .contains("expected_symptom: >")
          .contains("right_diagnosis: {service: ")
          .contains("right_remediation: ");
    }
  }
}
