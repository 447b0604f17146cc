package io.srespace.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event travels in, shaped like a CloudEvent: who said what, when, about which
 * incident and its issue, and in which schema version; the fact itself is {@code data}. Consumers
 * deduplicate on {@code eventId}.
 *
 * <p>From schema version 2 every event of an incident carries the number of the incident's issue,
 * which Scout opens before it announces the incident: no agent has to search the board for it.
 */
@JsonPropertyOrder({
  "eventId",
  "occurredAt",
  "source",
  "type",
  "incidentId",
  "issue",
  "schemaVersion",
  "data"
})
public record Event<P extends EventPayload>(
    String eventId,
    Instant occurredAt,
    String source,
    String type,
    String incidentId,
    Integer issue,
    int schemaVersion,
    P data) {

  /** The schema version this code writes; readers accept it and every older one. */
  public static final int SCHEMA_VERSION = 2;

  /** The first version whose incident events carry their issue. */
  static final int ISSUE_CARRIED = 2;

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
    if (issue != null && issue < 1) {
      throw new IllegalArgumentException("issue must be a positive number, was " + issue);
    }
    if (data instanceof IncidentScoped && schemaVersion >= ISSUE_CARRIED && issue == null) {
      throw new IllegalArgumentException(
          "%s of %s needs the incident's issue".formatted(type, incidentId));
    }
  }

  /** A new event outside any incident, happening now. */
  public static <P extends EventPayload> Event<P> of(String source, P data) {
    return of(source, null, null, Instant.now(), data);
  }

  /** A new event of an incident and its issue, happening now. */
  public static <P extends EventPayload> Event<P> of(
      String source, String incidentId, Integer issue, P data) {
    return of(source, incidentId, issue, Instant.now(), data);
  }

  /**
   * A new event at a given time; {@code incidentId} and {@code issue} may be null when no incident
   * applies.
   */
  public static <P extends EventPayload> Event<P> of(
      String source, String incidentId, Integer issue, Instant occurredAt, P data) {
    String type = data == null ? null : EventTypes.nameOf(data.getClass());
    return new Event<>(
        UUID.randomUUID().toString(),
        occurredAt,
        source,
        type,
        incidentId,
        issue,
        SCHEMA_VERSION,
        data);
  }

  /**
   * An event whose id is derived from {@code key} (with its type and incident) rather than drawn: a
   * producer that reads its input again after a crash writes the same event, which consumers
   * recognise by its id.
   */
  public static <P extends EventPayload> Event<P> derived(
      String key, String source, String incidentId, Integer issue, Instant occurredAt, P data) {
    Event<P> event = of(source, incidentId, issue, occurredAt, data);
    String name = String.join("|", event.type(), String.valueOf(incidentId), key);
    return new Event<>(
        UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(),
        occurredAt,
        source,
        event.type(),
        incidentId,
        issue,
        SCHEMA_VERSION,
        data);
  }

  /** A new event of the same incident and issue as this one, happening now. */
  public <Q extends EventPayload> Event<Q> next(String source, Q data) {
    return of(source, incidentId, issue, Instant.now(), data);
  }
}
