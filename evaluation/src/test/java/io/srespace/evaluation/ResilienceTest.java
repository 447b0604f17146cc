package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResilienceTest {

  @Test
  void theResultLineCountsEachCostAndTheWorstHealingRatio() {
    Disturbance poison = Disturbance.named(List.of("poison")).get(0);
    Disturbance broker = Disturbance.named(List.of("broker-restart")).get(0);
    Disturbance chroma = Disturbance.named(List.of("chroma-down")).get(0);
    List<Resilience.Row> rows =
        List.of(
            new Resilience.Row(poison, run(true, false, 30.0), 20.0, 1, 0, List.of(), List.of()),
            new Resilience.Row(broker, run(false, false, null), 20.0, 0, 0, List.of(), List.of()),
            new Resilience.Row(
                chroma,
                run(true, false, 24.0),
                20.0,
                2,
                1,
                List.of("memory (EMPTY, 0 member(s))"),
                List.of()));

    assertThat(rows.get(1).lost()).isTrue();
    assertThat(rows.get(0).ratio()).isEqualTo(1.5);
    assertThat(rows.get(1).ratio()).as("no healing, no ratio").isNull();
    assertThat(Resilience.resultLine(rows))
        .isEqualTo(
            "RESULT disturbances=3 lost=1 double_actions=1 postmortems_lost=1"
                + " consumers_stopped=1 heal_ratio_max=1.50");
  }

  @Test
  void anEscalatedIncidentIsNotLost() {
    Disturbance poison = Disturbance.named(List.of("poison")).get(0);
    Resilience.Row escalated =
        new Resilience.Row(poison, run(false, true, null), 20.0, 1, 0, List.of(), List.of());
    assertThat(escalated.lost()).isFalse();
  }

  @Test
  void anUnknownDisturbanceIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> Disturbance.named(List.of("kill-everything")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kill-everything")
        .hasMessageContaining("kill-scout");
  }

  @Test
  void everyDisturbanceRunsDuringAFaultOfTheCatalogue() throws Exception {
    List<String> faults = Disturbance.faults(Disturbance.CATALOGUE);
    assertThat(Scenario.load(ScenarioTest.ROOT, faults)).hasSize(faults.size());
    assertThat(Disturbance.CATALOGUE)
        .extracting(Disturbance::kind)
        .containsExactlyInAnyOrder(Disturbance.Kind.values());
  }

  private static RunResult run(boolean verified, boolean escalated, Double ttm) {
    return new RunResult(
        "kill",
        "policy-service",
        1,
        "restart",
        true,
        Instant.parse("2026-12-04T03:00:00Z"),
        "INC-1",
        1,
        1,
        "policy-service",
        "unavailable",
        0.8,
        "restart",
        "policy-service",
        true,
        true,
        verified,
        verified,
        escalated,
        verified,
        verified,
        verified,
        5.0,
        6.0,
        ttm,
        ttm,
        true,
        0,
        verified ? "healed" : escalated ? "escalated" : "timed out",
        null,
        null);
  }
}
