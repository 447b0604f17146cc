package io.srespace.brain.app;

import io.srespace.brain.postmortem.IncidentRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The incidents Brain is following, newest last, and the event ids it has handled, both bounded:
 * the oldest are forgotten first.
 */
@ApplicationScoped
public class IncidentLedger {
  private static final int MAX_INCIDENTS = 1_000;
  private static final int MAX_EVENT_IDS = 20_000;

  private final Map<String, IncidentRecord> incidents =
      Collections.synchronizedMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, IncidentRecord> eldest) {
              return size() > MAX_INCIDENTS;
            }
          });
  private final Set<String> seen =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > MAX_EVENT_IDS;
                }
              }));

  /** True the first time an event id is offered: redeliveries are ignored. */
  public boolean firstTime(String eventId) {
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
