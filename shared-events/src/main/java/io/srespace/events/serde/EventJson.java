package io.srespace.events.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.EventTypes;
import java.io.IOException;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Events to and from JSON. Unknown fields are ignored so newer producers stay readable; anything
 * else that is not a valid event of the expected family raises {@link EventDecodingException}.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private EventJson() {}

  /**
   * A copy of the mapper events are written with, for tests and tools that read events as trees.
   */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  public static byte[] write(Event<?> event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + event.type() + " as JSON", e);
    }
  }

  /** Reads any known event. */
  public static Event<EventPayload> read(byte[] bytes) {
    return read(bytes, EventPayload.class);
  }

  /** Reads an event that must belong to the payload family {@code expected}. */
  public static <P extends EventPayload> Event<P> read(byte[] bytes, Class<P> expected) {
    JsonNode root = parse(bytes);
    Header header = header(root, bytes);
    Class<? extends EventPayload> type =
        EventTypes.byName(header.type())
            .orElseThrow(() -> failure("unknown event type '" + header.type() + "'", bytes, null));
    if (!expected.isAssignableFrom(type)) {
      throw failure(
          "a %s is not one of the %s events expected here"
              .formatted(header.type(), expected.getSimpleName()),
          bytes,
          null);
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw failure(header.type() + " has no 'data' object", bytes, null);
    }
    P payload = expected.cast(convert(data, type, header.type() + " data", bytes));
    try {
      return new Event<>(
          header.eventId(),
          header.occurredAt(),
          header.source(),
          header.type(),
          header.incidentId(),
          header.issue(),
          header.schemaVersion() == null ? Event.SCHEMA_VERSION : header.schemaVersion(),
          payload);
    } catch (IllegalArgumentException e) {
      throw failure("invalid envelope: " + e.getMessage(), bytes, e);
    }
  }

  /** Reads a record's value, naming its topic, partition and offset if it is not an event. */
  public static <P extends EventPayload> Event<P> read(
      ConsumerRecord<?, byte[]> record, Class<P> expected) {
    try {
      return read(record.value(), expected);
    } catch (EventDecodingException e) {
      throw e.at(record.topic(), record.partition(), record.offset());
    }
  }

  private static JsonNode parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw failure("empty record", bytes, null);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw failure("not valid JSON (" + firstLine(e) + ")", bytes, e);
    }
    if (root == null || !root.isObject()) {
      throw failure("expected a JSON object", bytes, null);
    }
    return root;
  }

  private static Header header(JsonNode root, byte[] bytes) {
    Header header = convert(root, Header.class, "envelope", bytes);
    if (header.type() == null || header.type().isBlank()) {
      throw failure("envelope has no 'type'", bytes, null);
    }
    return header;
  }

  private static <T> T convert(JsonNode node, Class<T> type, String what, byte[] bytes) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw failure("invalid " + what + " (" + firstLine(e) + ")", bytes, e);
    }
  }

  /** One line saying what was wrong, preferring a record's own rejection over Jackson's wrapper. */
  private static String firstLine(Exception e) {
    Throwable innermost = e;
    while (innermost.getCause() != null) {
      innermost = innermost.getCause();
    }
    String message =
        innermost instanceof IllegalArgumentException
            ? innermost.getMessage()
            : e instanceof JsonProcessingException json
                ? json.getOriginalMessage()
                : e.getMessage();
    message = String.valueOf(message);
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static EventDecodingException failure(String reason, byte[] bytes, Throwable cause) {
    return new EventDecodingException(reason, bytes, cause);
  }

  /** The envelope's attributes, read apart from the payload so the payload type can be chosen. */
  private record Header(
      String eventId,
      Instant occurredAt,
      String source,
      String type,
      String incidentId,
      Integer issue,
      Integer schemaVersion) {}
}
