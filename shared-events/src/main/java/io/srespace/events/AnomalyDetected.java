package io.srespace.events;

/** Scout saw one signal leave its baseline. */
public record AnomalyDetected(Anomaly anomaly) implements AnomalyEvent {
  public AnomalyDetected {
    Fields.required(anomaly, "anomaly");
  }
}
