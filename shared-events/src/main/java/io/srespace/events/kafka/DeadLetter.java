package io.srespace.events.kafka;

import io.srespace.events.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A record a consumer could not read or act on, as it lies in its topic's dead-letter twin: the
 * bytes as they came, and in headers where they came from and why. The header names are the ones
 * SmallRye's dead-letter strategy writes, so the agents' channels and Scout's streams leave dead
 * letters that read alike ({@code ./sre-space dead-letters}).
 *
 * @param topic the topic the record was read from
 * @param partition its partition there (-1 when unknown)
 * @param offset its offset there (-1 when unknown)
 * @param reason why it could not be read or processed, one line
 * @param consumer who gave up on it (a group or an agent)
 */
public record DeadLetter(
    String topic,
    int partition,
    long offset,
    String reason,
    String consumer,
    byte[] key,
    byte[] value,
    Instant at) {
  public static final String REASON = "dead-letter-reason";
  public static final String CAUSE = "dead-letter-cause";
  public static final String TOPIC = "dead-letter-topic";
  public static final String PARTITION = "dead-letter-partition";
  public static final String OFFSET = "dead-letter-offset";
  public static final String CONSUMER = "dead-letter-consumer";

  /** Longest reason kept: an exception's message can carry a whole record. */
  private static final int REASON_LIMIT = 500;

  public DeadLetter {
    reason = oneLine(reason == null ? "unknown" : reason);
  }

  /** The dead letter of a record that failed, with the exception's message as the reason. */
  public static DeadLetter of(
      String topic,
      int partition,
      long offset,
      Throwable why,
      String consumer,
      byte[] key,
      byte[] value) {
    String reason = why.getClass().getSimpleName() + ": " + why.getMessage();
    return new DeadLetter(topic, partition, offset, reason, consumer, key, value, Instant.now());
  }

  /** The record that goes to the dead-letter twin of {@code topic}. */
  public ProducerRecord<byte[], byte[]> toRecord() {
    var record =
        new ProducerRecord<>(topic + Topic.DEAD_LETTER_SUFFIX, null, at.toEpochMilli(), key, value);
    Headers headers = record.headers();
    headers.add(TOPIC, bytes(topic));
    headers.add(PARTITION, bytes(String.valueOf(partition)));
    headers.add(OFFSET, bytes(String.valueOf(offset)));
    headers.add(REASON, bytes(reason));
    headers.add(CONSUMER, bytes(consumer));
    return record;
  }

  /**
   * A record read from a dead-letter topic, whoever wrote it (headers it lacks read as unknown).
   */
  public static DeadLetter from(ConsumerRecord<byte[], byte[]> record) {
    String source =
        header(record.headers(), TOPIC).orElse(record.topic().replaceFirst("\\.dlq$", ""));
    return new DeadLetter(
        source,
        header(record.headers(), PARTITION).map(DeadLetter::number).orElse(-1L).intValue(),
        header(record.headers(), OFFSET).map(DeadLetter::number).orElse(-1L),
        header(record.headers(), REASON)
            .or(() -> header(record.headers(), CAUSE))
            .orElse("no reason given"),
        header(record.headers(), CONSUMER).orElse("?"),
        record.key(),
        record.value(),
        Instant.ofEpochMilli(record.timestamp()));
  }

  /** The value as text a terminal may show: one line, printable, at most {@code limit} chars. */
  public String preview(int limit) {
    if (value == null) {
      return "(no value)";
    }
    String text = oneLine(new String(value, StandardCharsets.UTF_8));
    return text.length() > limit ? text.substring(0, limit) + "…" : text;
  }

  private static Optional<String> header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String oneLine(String text) {
    String clean = text.replaceAll("[\\p{Cntrl}\\p{Cf}]+", " ").strip();
    return clean.length() > REASON_LIMIT ? clean.substring(0, REASON_LIMIT) + "…" : clean;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
