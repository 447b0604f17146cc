package io.srespace.scout.incidents;

import io.srespace.events.Anomaly;
import io.srespace.events.Severity;
import java.time.Instant;
import java.util.List;

/**
 * An incident Scout is still watching: its services, the anomalies joined so far, and when. Its
 * {@code issue} is null while the incident still gathers its first window's anomalies; it is set
 * when the issue is opened, just before the incident is announced at {@code announcedAt} (null in
 * what a Scout before this field stored).
 */
public record OpenIncident(
    String incidentId,
    String title,
    Severity severity,
    List<String> services,
    List<Anomaly> anomalies,
    Instant firstSeen,
    Instant createdAt,
    Instant lastAnomalyAt,
    Integer issue,
    Instant announcedAt) {
  public OpenIncident {
    services = List.copyOf(services);
    anomalies = List.copyOf(anomalies);
  }

  /** Whether the incident has been announced with its issue. */
  public boolean announced() {
    return issue != null;
  }

  OpenIncident withIssue(int number, Instant at) {
    return new OpenIncident(
        incidentId,
        title,
        severity,
        services,
        anomalies,
        firstSeen,
        createdAt,
        lastAnomalyAt,
        number,
        at);
  }

  /**
   * Since when the incident has shown nothing new: its last anomaly, or its announcement when that
   * came later (an issue that took long to open must not make the incident look quiet).
   */
  Instant quietSince() {
    return announcedAt != null && announcedAt.isAfter(lastAnomalyAt) ? announcedAt : lastAnomalyAt;
  }
}
