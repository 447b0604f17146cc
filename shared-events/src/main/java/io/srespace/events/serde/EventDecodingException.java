package io.srespace.events.serde;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one error for bytes that are not a readable event. It names where the bytes came from (topic,
 * and partition and offset once known) and shows how they start, so a dead letter can be found and
 * read. Being a Kafka {@link SerializationException}, Kafka clients report it as a deserialization
 * failure of that record.
 */
public final class EventDecodingException extends SerializationException {
  private static final int PREVIEW_CHARS = 80;
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String preview;
  private final String topic;
  private final int partition;
  private final long offset;

  EventDecodingException(String reason, byte[] bytes, Throwable cause) {
    this(reason, preview(bytes), null, -1, -1, cause);
  }

  private EventDecodingException(
      String reason, String preview, String topic, int partition, long offset, Throwable cause) {
    super(message(reason, preview, topic, partition, offset), cause);
    this.reason = reason;
    this.preview = preview;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }

  /** The same failure, located on a topic. */
  public EventDecodingException onTopic(String topic) {
    return new EventDecodingException(reason, preview, topic, partition, offset, getCause());
  }

  /** The same failure, located at a record's partition and offset. */
  public EventDecodingException at(String topic, int partition, long offset) {
    return new EventDecodingException(reason, preview, topic, partition, offset, getCause());
  }

  /** Why the bytes are not an event, without the location. */
  public String reason() {
    return reason;
  }

  /** The topic the bytes were read from, or null when not known. */
  public String topic() {
    return topic;
  }

  /** The partition, or -1 when not known. */
  public int partition() {
    return partition;
  }

  /** The offset, or -1 when not known. */
  public long offset() {
    return offset;
  }

  private static String message(
      String reason, String preview, String topic, int partition, long offset) {
    StringBuilder message = new StringBuilder("cannot decode event");
    if (topic != null) {
      message.append(" from topic ").append(topic);
    }
    if (partition >= 0) {
      message.append(" partition ").append(partition).append(" offset ").append(offset);
    }
    return message.append(": ").append(reason).append("; bytes: ").append(preview).toString();
  }

  private static String preview(byte[] bytes) {
    if (bytes == null) {
      return "none";
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    String shown = text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "…" : text;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "' (" + bytes.length + " bytes)";
  }
}
