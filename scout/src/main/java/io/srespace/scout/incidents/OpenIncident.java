package io.srespace.scout.incidents;

import io.srespace.events.Anomaly;
import io.srespace.events.Severity;
import java.time.Instant;
import java.util.List;

/** An incident Scout is still watching: its services, the anomalies joined so far, and when. */
public record OpenIncident(
    String incidentId,
    String title,
    Severity severity,
    List<String> services,
    List<Anomaly> anomalies,
    Instant firstSeen,
    Instant lastAnomalyAt) {
  public OpenIncident {
    services = List.copyOf(services);
    anomalies = List.copyOf(anomalies);
  }
}
