package io.srespace.scout.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.Anomaly;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.TimeWindow;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.scout.incidents.IncidentCorrelator.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentCorrelatorTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final KnowledgeGraph TOPOLOGY =
      KnowledgeGraph.load(Path.of("..", "infra", "topology.yaml"));

  private final IncidentCorrelator correlator =
      new IncidentCorrelator(TOPOLOGY, Duration.ofSeconds(60), Duration.ofSeconds(30));
  private final Map<String, OpenIncident> open = new HashMap<>();

  @Test
  void aDeadUserServiceAndQuoteServiceErrorsAreOneIncident() {
    Outcome opened =
        correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.98), T0).orElseThrow();
    Outcome updated =
        correlator
            .onAnomaly(
                open, anomaly("a2", "quote-service", "127.0.0.1:8082", 0.97), T0.plusSeconds(10))
            .orElseThrow();

    assertThat(opened.event())
        .isInstanceOfSatisfying(
            IncidentOpened.class,
            o -> {
              assertThat(o.services()).containsExactly("user-service");
              assertThat(o.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(o.title()).startsWith("error-rate on user-service: 0.980 ratio");
            });
    assertThat(updated.incidentId()).isEqualTo(opened.incidentId());
    assertThat(updated.event())
        .isInstanceOfSatisfying(
            IncidentUpdated.class,
            u -> assertThat(u.services()).containsExactly("user-service", "quote-service"));
    assertThat(open).hasSize(1);
    assertThat(opened.incidentId()).matches("INC-20261123-120000-[0-9a-f]{4}");
  }

  @Test
  void servicesThatDoNotCallEachOtherAreSeparateIncidents() {
    String first =
        correlator
            .onAnomaly(open, anomaly("a1", "user-service", null, 0.3), T0)
            .orElseThrow()
            .incidentId();
    String second =
        correlator
            .onAnomaly(open, anomaly("a2", "policy-service", null, 0.3), T0)
            .orElseThrow()
            .incidentId();

    assertThat(second).isNotEqualTo(first);
    assertThat(open).hasSize(2);
  }

  @Test
  void theSameAnomalyAgainChangesNothingVisible() {
    correlator.onAnomaly(open, anomaly("a1", "user-service", null, 0.3), T0);

    assertThat(
            correlator.onAnomaly(
                open, anomaly("a1", "user-service", null, 0.31), T0.plusSeconds(10)))
        .isEmpty();
    assertThat(open.values().iterator().next().lastAnomalyAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void anAnomalyLongAfterTheLastOneOpensANewIncident() {
    String first =
        correlator
            .onAnomaly(open, anomaly("a1", "user-service", null, 0.3), T0)
            .orElseThrow()
            .incidentId();

    Outcome later =
        correlator
            .onAnomaly(open, anomaly("a2", "user-service", null, 0.3), T0.plusSeconds(120))
            .orElseThrow();

    assertThat(later.incidentId()).isNotEqualTo(first);
    assertThat(later.event()).isInstanceOf(IncidentOpened.class);
  }

  @Test
  void anIncidentQuietForTheQuietPeriodIsCleared() {
    String id =
        correlator
            .onAnomaly(open, anomaly("a1", "user-service", null, 0.3), T0)
            .orElseThrow()
            .incidentId();

    assertThat(correlator.onTick(open, T0.plusSeconds(29))).isEmpty();
    List<Outcome> cleared = correlator.onTick(open, T0.plusSeconds(31));

    assertThat(cleared)
        .singleElement()
        .satisfies(
            outcome -> {
              assertThat(outcome.incidentId()).isEqualTo(id);
              assertThat(outcome.event())
                  .isInstanceOfSatisfying(
                      SymptomsCleared.class, c -> assertThat(c.quietSeconds()).isEqualTo(31));
            });
    assertThat(open).isEmpty();
  }

  @Test
  void aMemoryIncidentWaitsFourQuietPeriodsBeforeItIsCleared() {
    Anomaly heap =
        new Anomaly(
            "h1",
            "quote-service",
            null,
            Signal.HEAP,
            0.7,
            0.4,
            "of the heap limit, full in about 90 s",
            new TimeWindow(T0.minusSeconds(5), T0),
            List.of());
    correlator.onAnomaly(open, heap, T0).orElseThrow();

    assertThat(correlator.onTick(open, T0.plusSeconds(31))).isEmpty();
    assertThat(correlator.onTick(open, T0.plusSeconds(119))).isEmpty();
    assertThat(correlator.onTick(open, T0.plusSeconds(121))).singleElement();
    assertThat(open).isEmpty();
  }

  @Test
  void theTopologyKnowsWhoCallsWhomAndWhereEachServiceAnswers() {
    assertThat(TOPOLOGY.related("quote-service", "policy-service")).isTrue();
    assertThat(TOPOLOGY.related("user-service", "policy-service")).isFalse();
    assertThat(TOPOLOGY.serviceAt("127.0.0.1:8081")).contains("policy-service");
    assertThat(TOPOLOGY.serviceAt("10.0.0.9:80")).isEmpty();
  }

  private static Anomaly anomaly(String id, String service, String peer, double errorRate) {
    return new Anomaly(
        id,
        service,
        peer,
        Signal.ERROR_RATE,
        errorRate,
        0.0,
        "ratio",
        new TimeWindow(T0.minusSeconds(10), T0),
        List.of());
  }
}
