package io.srespace.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.GoldenEvents;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each event crosses the broker through its registry topic's own serdes, both ways. */
@ExtendWith(KafkaBrokerExtension.class)
class EventRoundTripTest {
  private static KafkaProducer<byte[], byte[]> producer;
  private static KafkaConsumer<byte[], byte[]> consumer;

  static Stream<Class<? extends EventPayload>> eventTypes() {
    return GoldenEvents.types().stream();
  }

  @BeforeAll
  static void connect(KafkaBroker kafka) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @AfterAll
  static void disconnect() {
    producer.close();
    consumer.close();
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void everyEventTypeCrossesARealBrokerOnItsTopicUnchanged(Class<? extends EventPayload> type)
      throws Exception {
    @SuppressWarnings("unchecked")
    Topic<String, Event<EventPayload>> topic =
        (Topic<String, Event<EventPayload>>) Topics.carrying(type).orElseThrow();
    Event<EventPayload> sent = GoldenEvents.event(type);
    String key = sent.incidentId() != null ? sent.incidentId() : sent.source();

    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), sent);
    RecordMetadata written =
        producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes)).get();

    Optional<byte[]> read = readAt(written);
    assertThat(read).isPresent();
    assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), read.get()))
        .isEqualTo(sent);
  }

  private static Optional<byte[]> readAt(RecordMetadata written) {
    TopicPartition partition = new TopicPartition(written.topic(), written.partition());
    consumer.assign(List.of(partition));
    consumer.seek(partition, written.offset());
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(100))) {
        if (record.offset() == written.offset()) {
          return Optional.of(record.value());
        }
      }
    }
    return Optional.empty();
  }
}
