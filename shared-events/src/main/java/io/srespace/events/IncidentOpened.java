package io.srespace.events;

import java.time.Instant;
import java.util.List;

/** Scout decided that anomalies amount to a real problem: one incident, one issue. */
public record IncidentOpened(
    String title,
    Severity severity,
    List<String> services,
    List<Anomaly> anomalies,
    Instant firstSeen)
    implements IncidentEvent {
  public IncidentOpened {
    Fields.required(title, "title");
    Fields.required(severity, "severity");
    Fields.required(firstSeen, "firstSeen");
    services = Fields.listOf(services);
    anomalies = Fields.listOf(anomalies);
    if (anomalies.isEmpty()) {
      throw new IllegalArgumentException("an incident is opened on at least one anomaly");
    }
  }
}
