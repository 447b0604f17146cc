package io.srespace.scout.detection;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import java.time.Instant;

/** Scout's anomaly events, each with an id its anomaly and window decide, not chance. */
public final class AnomalyEvents {
  private AnomalyEvents() {}

  /** The event of {@code anomaly}: the same id whenever the same window is judged again. */
  public static Event<AnomalyEvent> of(Anomaly anomaly, Instant at) {
    return Event.derived(
        anomaly.anomalyId() + "|" + anomaly.window().start() + "|" + anomaly.window().end(),
        "scout",
        null,
        null,
        at,
        new AnomalyDetected(anomaly));
  }
}
