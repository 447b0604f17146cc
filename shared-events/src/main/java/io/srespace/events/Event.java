package io.srespace.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event travels in, shaped like a CloudEvent: who said what, when, about which
 * incident, and in which schema version; the fact itself is {@code data}. Consumers deduplicate on
 * {@code eventId}.
 */
@JsonPropertyOrder({
  "eventId",
  "occurredAt",
  "source",
  "type",
  "incidentId",
  "schemaVersion",
  "data"
})
public record Event<P extends EventPayload>(
    String eventId,
    Instant occurredAt,
    String source,
    String type,
    String incidentId,
    int schemaVersion,
    P data) {

  /** The schema version this code writes; readers accept it and every older one. */
  public static final int SCHEMA_VERSION = 1;

  public Event {
    Fields.required(eventId, "eventId");
    Fields.required(occurredAt, "occurredAt");
    Fields.required(source, "source");
    Fields.required(data, "data");
    String payloadType = EventTypes.nameOf(data.getClass());
    if (!payloadType.equals(type)) {
      throw new IllegalArgumentException(
          "type '%s' does not match the payload, a %s".formatted(type, payloadType));
    }
    if (data instanceof IncidentScoped && (incidentId == null || incidentId.isBlank())) {
      throw new IllegalArgumentException(type + " needs an incidentId");
    }
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be 1 or more, was " + schemaVersion);
    }
  }

  /** A new event outside any incident, happening now. */
  public static <P extends EventPayload> Event<P> of(String source, P data) {
    return of(source, null, Instant.now(), data);
  }

  /** A new event of an incident, happening now. */
  public static <P extends EventPayload> Event<P> of(String source, String incidentId, P data) {
    return of(source, incidentId, Instant.now(), data);
  }

  /** A new event at a given time; {@code incidentId} may be null when no incident applies. */
  public static <P extends EventPayload> Event<P> of(
      String source, String incidentId, Instant occurredAt, P data) {
    String type = data == null ? null : EventTypes.nameOf(data.getClass());
    return new Event<>(
        UUID.randomUUID().toString(), occurredAt, source, type, incidentId, SCHEMA_VERSION, data);
  }
}
