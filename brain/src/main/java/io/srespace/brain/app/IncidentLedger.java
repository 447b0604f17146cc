package io.srespace.brain.app;

import io.srespace.brain.postmortem.IncidentRecord;
import io.srespace.brain.support.Bounded;
import io.srespace.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.MDC;

/**
 * The incidents Brain is following, newest last, and the event ids it has handled, both bounded:
 * the oldest are forgotten first.
 */
@ApplicationScoped
public class IncidentLedger {
  private static final int MAX_INCIDENTS = 1_000;
  private static final int MAX_EVENT_IDS = 20_000;

  private final Map<String, IncidentRecord> incidents = Bounded.map(MAX_INCIDENTS);
  private final Set<String> seen = Collections.newSetFromMap(Bounded.map(MAX_EVENT_IDS));

  /**
   * Runs {@code handle} for an event the first time it is offered, with the incident id in the log
   * context; redeliveries are ignored. An undecodable record (null) is refused, so the consumer
   * sends it to its dead-letter topic.
   */
  public void once(Event<?> event, Runnable handle) {
    if (event == null) {
      throw new IllegalArgumentException("an undecodable record (the deserializer logged why)");
    }
    if (!firstTime(event.eventId())) {
      return;
    }
    MDC.put("incidentId", event.incidentId());
    try {
      handle.run();
    } finally {
      MDC.remove("incidentId");
    }
  }

  /** True the first time an event id is offered: redeliveries are ignored. */
  boolean firstTime(String eventId) {
    return seen.add(eventId);
  }

  public void follow(String incidentId, IncidentRecord record) {
    incidents.putIfAbsent(incidentId, record);
  }

  public Optional<IncidentRecord> get(String incidentId) {
    return Optional.ofNullable(incidents.get(incidentId));
  }

  public void forget(String incidentId) {
    incidents.remove(incidentId);
  }

  public int following() {
    return incidents.size();
  }
}
