package io.srespace.kafka.broker;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the start, decoding each value, until what a test waits for has arrived. */
public final class TopicReader {
  private final Map<String, Object> kafka;

  /** Reads as the broker's admin. */
  public TopicReader(KafkaBroker broker) {
    this(broker.clientConfig());
  }

  /** Reads as whoever {@code kafka}'s settings log in as. */
  public TopicReader(Map<String, Object> kafka) {
    this.kafka = Map.copyOf(kafka);
  }

  /**
   * Decodes every record of {@code topic} until {@code enough} holds for the values matching {@code
   * wanted}, or {@code timeout} passes; returns the matching values read so far.
   */
  public <T> List<T> await(
      String topic,
      Function<byte[], T> decode,
      Predicate<T> wanted,
      Predicate<List<T>> enough,
      Duration timeout) {
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    List<T> matching = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!enough.test(matching) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          T value = decode.apply(record.value());
          if (wanted.test(value)) {
            matching.add(value);
          }
        }
      }
    }
    return matching;
  }

  /**
   * Reads an event topic from the start until {@code enough} holds for the events matching {@code
   * wanted}, or {@code timeout} passes; returns the matching events read so far.
   */
  public <P extends EventPayload> List<Event<P>> awaitEvents(
      Topic<String, Event<P>> topic,
      Predicate<Event<P>> wanted,
      Predicate<List<Event<P>>> enough,
      Duration timeout) {
    var deserializer = topic.valueSerde().deserializer();
    return await(
        topic.name(),
        bytes -> deserializer.deserialize(topic.name(), bytes),
        wanted,
        enough,
        timeout);
  }
}
