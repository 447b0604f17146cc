package io.srespace.events.kafka;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an event topic from its beginning up to where it ends now, without joining a group: how an
 * agent rebuilds what it knew from the events it and others published.
 */
public final class TopicReplay {
  private TopicReplay() {}

  /**
   * Hands every decodable event of {@code topic}, in order per partition, to {@code each} (records
   * that are not events are stepped over); returns how many events there were.
   *
   * @throws IllegalStateException when the topic cannot be read to its end within {@code timeout}
   */
  public static <P extends EventPayload> int replay(
      Map<String, ?> kafka,
      Topic<String, Event<P>> topic,
      Consumer<Event<P>> each,
      Duration timeout) {
    Map<String, Object> config =
        KafkaClients.with(kafka, Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    int read = 0;
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), timeout).stream()
              .map(p -> new TopicPartition(topic.name(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "%s not replayed within %s (%d events read)".formatted(topic.name(), timeout, read));
        }
        try {
          for (ConsumerRecord<String, Event<P>> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.value() != null) {
              each.accept(record.value());
              read++;
            }
          }
        } catch (RecordDeserializationException e) {
          // Its consumers sent it to the dead-letter topic already; the replay steps over it.
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    }
    return read;
  }
}
