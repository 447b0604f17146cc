package io.srespace.events;

import java.util.List;

/** More anomalies joined an open incident, possibly spreading it to more services. */
public record IncidentUpdated(Severity severity, List<String> services, List<Anomaly> newAnomalies)
    implements IncidentEvent {
  public IncidentUpdated {
    Fields.required(severity, "severity");
    services = Fields.listOf(services);
    newAnomalies = Fields.listOf(newAnomalies);
  }
}
