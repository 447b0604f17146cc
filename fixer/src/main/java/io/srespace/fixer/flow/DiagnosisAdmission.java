package io.srespace.fixer.flow;

import io.srespace.events.DiagnosisEvent;
import io.srespace.events.Event;
import io.srespace.fixer.verify.IncidentsSeen;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a diagnosis may make Fixer act at all, before any guardrail: it comes from Brain, it is
 * recent, and it names an incident Scout opened whose symptoms have not cleared. Anyone who can
 * write to the bus can still send a diagnosis; this refuses one that is replayed, forged under
 * another name or invented. The incident's issue is the one Scout's {@code IncidentOpened} named,
 * never the diagnosis's own.
 */
public final class DiagnosisAdmission {

  /** Brain's source name, how old a diagnosis may be, how long to wait for Scout's word. */
  public record Settings(String brain, Duration maxAge, Duration waitForIncident) {}

  /** The incident as Fixer knows it, and why the diagnosis is refused (empty: admitted). */
  public record Decision(IncidentRef incident, Optional<String> refusal) {}

  private final IncidentsSeen incidents;
  private final Settings settings;
  private final Clock clock;

  public DiagnosisAdmission(IncidentsSeen incidents, Settings settings, Clock clock) {
    this.incidents = incidents;
    this.settings = settings;
    this.clock = clock;
  }

  public Decision admit(Event<? extends DiagnosisEvent> event) throws InterruptedException {
    Optional<String> refusal = refusal(event);
    Optional<IncidentsSeen.Opened> opened =
        incidents.awaitOpened(
            event.incidentId(), refusal.isPresent() ? Duration.ZERO : settings.waitForIncident());
    if (refusal.isEmpty() && opened.map(IncidentsSeen.Opened::cleared).orElse(true)) {
      refusal =
          Optional.of(
              "no open incident %s: %s"
                  .formatted(
                      event.incidentId(),
                      opened.isPresent() ? "its symptoms have cleared" : "Scout did not open it"));
    }
    IncidentRef incident =
        new IncidentRef(event.incidentId(), opened.map(IncidentsSeen.Opened::issue).orElse(null));
    return new Decision(incident, refusal);
  }

  private Optional<String> refusal(Event<? extends DiagnosisEvent> event) {
    if (!settings.brain().equals(event.source())) {
      return Optional.of(
          "the diagnosis comes from '%s', not from Brain".formatted(printable(event.source())));
    }
    Instant now = clock.instant();
    Duration age = Duration.between(event.occurredAt(), now);
    if (age.compareTo(settings.maxAge()) > 0) {
      return Optional.of(
          "the diagnosis is %d s old; Fixer acts on one at most %d s old"
              .formatted(age.toSeconds(), settings.maxAge().toSeconds()));
    }
    if (age.negated().compareTo(IncidentsSeen.SKEW) > 0) {
      return Optional.of(
          "the diagnosis is dated %s, ahead of this clock".formatted(event.occurredAt()));
    }
    return Optional.empty();
  }

  /** A name from the bus as it may be shown: short, one line, printable characters only. */
  static String printable(String text) {
    String clean = text.replaceAll("[^\\p{Graph} ]", "?");
    return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
  }
}
