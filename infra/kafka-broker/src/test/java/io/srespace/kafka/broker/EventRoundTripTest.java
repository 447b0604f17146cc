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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(KafkaBrokerExtension.class)
class EventRoundTripTest {
  static Stream<Class<? extends EventPayload>> eventTypes() {
    return GoldenEvents.types().stream();
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void everyEventTypeCrossesARealBrokerOnItsTopicUnchanged(
      Class<? extends EventPayload> type, KafkaBroker kafka) throws Exception {
    @SuppressWarnings("unchecked")
    Topic<String, Event<EventPayload>> topic =
        (Topic<String, Event<EventPayload>>) Topics.carrying(type).orElseThrow();
    Event<EventPayload> sent = GoldenEvents.event(type);
    String key = sent.incidentId() != null ? sent.incidentId() : sent.source();

    RecordMetadata written;
    try (var producer =
        new KafkaProducer<>(
            kafka.clientConfig(), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      written = producer.send(new ProducerRecord<>(topic.name(), key, sent)).get();
    }

    assertThat(readAt(kafka, topic, written)).contains(sent);
  }

  private static Optional<Event<EventPayload>> readAt(
      KafkaBroker kafka, Topic<String, Event<EventPayload>> topic, RecordMetadata written) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    TopicPartition partition = new TopicPartition(written.topic(), written.partition());
    try (var consumer =
        new KafkaConsumer<>(
            config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, written.offset());
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() == written.offset()) {
            return Optional.of(record.value());
          }
        }
      }
    }
    return Optional.empty();
  }
}
