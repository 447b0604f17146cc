package io.srespace.brain.diagnosis;

import io.srespace.events.Anomaly;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What Scout has said about one incident so far: its opening snapshot plus every update. */
public final class IncidentFacts {
  private final String incidentId;
  private final String title;
  private final Instant firstSeen;
  private final Instant openedAt;
  private Severity severity;
  private final Set<String> services = new LinkedHashSet<>();
  private final List<Anomaly> anomalies = new ArrayList<>();

  public IncidentFacts(String incidentId, IncidentOpened opened, Instant openedAt) {
    this.incidentId = incidentId;
    this.title = opened.title();
    this.firstSeen = opened.firstSeen();
    this.openedAt = openedAt;
    this.severity = opened.severity();
    services.addAll(opened.services());
    anomalies.addAll(opened.anomalies());
  }

  /** Adds an update; true when it brought a service or an anomaly not known before. */
  public synchronized boolean update(IncidentUpdated update) {
    severity = update.severity();
    boolean news = services.addAll(update.services());
    for (Anomaly anomaly : update.newAnomalies()) {
      if (anomalies.stream().noneMatch(a -> a.anomalyId().equals(anomaly.anomalyId()))) {
        anomalies.add(anomaly);
        news = true;
      }
    }
    return news;
  }

  public String incidentId() {
    return incidentId;
  }

  public String title() {
    return title;
  }

  /** When the first anomaly's window began: the alert time of the analysis. */
  public Instant firstSeen() {
    return firstSeen;
  }

  /** When Scout opened the incident. */
  public Instant openedAt() {
    return openedAt;
  }

  public synchronized Severity severity() {
    return severity;
  }

  public synchronized List<String> services() {
    return List.copyOf(services);
  }

  public synchronized List<Anomaly> anomalies() {
    return List.copyOf(anomalies);
  }
}
