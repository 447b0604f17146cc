package io.srespace.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {
  private static final SymptomsCleared CLEARED =
      new SymptomsCleared(Instant.parse("2026-11-23T12:00:31Z"), 30);

  @Test
  void newEventGetsAnIdATimeAndItsTypeName() {
    Instant before = Instant.now();

    Event<SymptomsCleared> event = Event.of("scout", "INC-1", 3, CLEARED);

    assertThat(event.eventId()).isNotBlank();
    assertThat(event.occurredAt()).isBetween(before, Instant.now());
    assertThat(event.type()).isEqualTo("SymptomsCleared");
    assertThat(event.schemaVersion()).isEqualTo(Event.SCHEMA_VERSION);
    assertThat(Event.of("scout", "INC-1", 3, CLEARED).eventId()).isNotEqualTo(event.eventId());
  }

  @Test
  void incidentEventsCarryTheirIssueAndPassItOn() {
    Event<SymptomsCleared> cleared = Event.of("scout", "INC-1", 3, CLEARED);

    Event<SymptomsCleared> next = cleared.next("brain", CLEARED);

    assertThat(next.incidentId()).isEqualTo("INC-1");
    assertThat(next.issue()).isEqualTo(3);
    assertThat(next.source()).isEqualTo("brain");
    assertThatThrownBy(() -> Event.of("scout", "INC-1", null, CLEARED))
        .hasMessage("SymptomsCleared of INC-1 needs the incident's issue");
    assertThatThrownBy(() -> Event.of("scout", "INC-1", 0, CLEARED))
        .hasMessage("issue must be a positive number, was 0");
  }

  @Test
  void aVersionOneIncidentEventIsReadWithoutAnIssue() {
    var old =
        new Event<>("e-1", Instant.now(), "scout", "SymptomsCleared", "INC-1", null, 1, CLEARED);

    assertThat(old.issue()).isNull();
  }

  @Test
  void incidentEventsMustNameTheirIncident() {
    assertThatThrownBy(() -> Event.of("scout", CLEARED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SymptomsCleared needs an incidentId");
  }

  @Test
  void businessEventsNeedNoIncident() {
    var quote = new QuoteRequested("q-1", "c-1", "home-basic", null, null, null);

    assertThat(Event.of("quote-service", quote).incidentId()).isNull();
  }

  @Test
  void typeMustNameThePayloadItCarries() {
    assertThatThrownBy(
            () ->
                new Event<>(
                    "e-1", Instant.now(), "scout", "IncidentOpened", "INC-1", 2, 1, CLEARED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "type 'IncidentOpened' does not match the payload, a SymptomsCleared");
  }

  @Test
  void anIncidentIsNotOpenedWithoutAnomalies() {
    assertThatThrownBy(
            () -> new IncidentOpened("t", Severity.MAJOR, List.of("a"), List.of(), Instant.now()))
        .hasMessage("an incident is opened on at least one anomaly");
  }

  @Test
  void onlyAPullRequestCarriesAConfigurationChange() {
    var change = new ConfigChange("policy-service/application.env", "DB_POOL_MAX_SIZE", "2", "8");

    assertThatThrownBy(
            () -> new RemediationPlan(RemediationAction.RESTART, "policy-service", change, "r"))
        .hasMessageContaining("only with one");
    assertThatThrownBy(
            () -> new RemediationPlan(RemediationAction.PULL_REQUEST, "policy-service", null, "r"))
        .hasMessageContaining("only with one");
  }

  @Test
  void absentListsReadAsEmpty() {
    var suspect = new Suspect("policy-service", 0.8, FaultClass.MEMORY, null, null);

    assertThat(suspect.evidence()).isEmpty();
    assertThat(suspect.traceIds()).isEmpty();
  }

  @Test
  void faultsAreNamedAsPeopleTypeThem() {
    assertThat(Fault.MEMORY_LEAK.id()).isEqualTo("memory-leak");
    assertThat(Fault.fromId("db-pool")).contains(Fault.DB_POOL);
    assertThat(Fault.fromId("DB_POOL")).isEmpty();
  }

  @Test
  void aDerivedEventHasTheSameIdWheneverItsKeyTypeAndIncidentAreTheSame() {
    Instant at = Instant.parse("2026-12-03T10:00:00Z");
    SymptomsCleared cleared = new SymptomsCleared(at, 30);
    Event<SymptomsCleared> first = Event.derived("", "scout", "INC-1", 4, at, cleared);
    Event<SymptomsCleared> again =
        Event.derived("", "scout", "INC-1", 4, at.plusSeconds(9), new SymptomsCleared(at, 31));

    assertThat(again.eventId()).isEqualTo(first.eventId());
    assertThat(again.occurredAt()).isEqualTo(at.plusSeconds(9));
    assertThat(Event.derived("", "scout", "INC-2", 4, at, cleared).eventId())
        .isNotEqualTo(first.eventId());
    assertThat(Event.derived("a2", "scout", "INC-1", 4, at, cleared).eventId())
        .isNotEqualTo(first.eventId());
    assertThat(Event.of("scout", "INC-1", 4, at, cleared).eventId()).isNotEqualTo(first.eventId());
  }
}
