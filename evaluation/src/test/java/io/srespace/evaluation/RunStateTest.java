package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.Anomaly;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStateTest {
  private static final Instant T0 = Instant.parse("2026-12-04T14:00:00Z");

  @Test
  void anOverlappingFaultsIncidentIsTheFirstNamingItsServiceWhenItOpenedOrAsItSpread() {
    List<Event<EventPayload>> events =
        List.of(
            event("INC-dead", 2, opened("policy-service")),
            event("INC-slow", 4, opened("quote-service")),
            event(
                "INC-slow",
                6,
                new IncidentUpdated(
                    Severity.MAJOR, List.of("quote-service", "user-service"), List.of())));

    assertThat(RunState.of(T0, T0.plusSeconds(90), events, "user-service").incident().incidentId())
        .as("it opened about quote-service's own latency, then spread to user-service")
        .isEqualTo("INC-slow");
    assertThat(
            RunState.of(T0, T0.plusSeconds(90), events, "policy-service").incident().incidentId())
        .isEqualTo("INC-dead");
    assertThat(RunState.of(T0, T0.plusSeconds(90), events, "user-service").incidents()).hasSize(1);
    assertThat(RunState.of(T0, T0.plusSeconds(90), events).incidents()).hasSize(2);
  }

  private static IncidentOpened opened(String service) {
    Anomaly anomaly =
        new Anomaly(
            "a-" + service,
            service,
            null,
            Signal.LATENCY,
            900,
            10,
            "ms (p95)",
            new TimeWindow(T0, T0.plusSeconds(5)),
            List.of());
    return new IncidentOpened(
        service + " failing", Severity.MAJOR, List.of(service), List.of(anomaly), T0);
  }

  @SuppressWarnings("unchecked")
  private static Event<EventPayload> event(String incidentId, int second, EventPayload data) {
    return (Event<EventPayload>)
        (Event<?>) Event.of("scout", incidentId, 1, T0.plusSeconds(second), data);
  }
}
