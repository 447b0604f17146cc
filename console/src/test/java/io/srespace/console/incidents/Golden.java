package io.srespace.console.incidents;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.GoldenEvents;
import java.time.Instant;
import java.util.UUID;

/** The golden events of shared-events, told again about another incident at another time. */
public final class Golden {
  private Golden() {}

  public static Event<EventPayload> event(
      Class<? extends EventPayload> type, String incidentId, int issue, Instant at) {
    Event<EventPayload> golden = GoldenEvents.event(type);
    return new Event<>(
        UUID.randomUUID().toString(),
        at,
        golden.source(),
        golden.type(),
        incidentId,
        issue,
        Event.SCHEMA_VERSION,
        golden.data());
  }
}
