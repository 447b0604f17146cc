package io.srespace.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.Event;
import io.srespace.events.GoldenEvents;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.serde.EventDecodingException;
import io.srespace.events.serde.EventDeserializer;
import io.srespace.events.serde.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class MalformedRecordTest {
  private static final byte[] NOT_JSON =
      "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);

  private KafkaBroker kafka;
  private String topic;

  @BeforeEach
  void writeAGoodABadAndAGoodRecord(KafkaBroker kafka) throws Exception {
    this.kafka = kafka;
    topic = "malformed-" + UUID.randomUUID();
    kafka.createTopic(topic);
    try (var producer =
        new KafkaProducer<>(
            kafka.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value :
          List.of(
              GoldenEvents.bytes(IncidentOpened.class),
              NOT_JSON,
              GoldenEvents.bytes(SymptomsCleared.class))) {
        producer.send(new ProducerRecord<>(topic, "INC-20261123-0007", value)).get();
      }
    }
  }

  @Test
  void aTypedConsumerIsToldWhereTheBadRecordIsAndReadsOnPastIt() {
    List<Event<IncidentEvent>> read = new ArrayList<>();
    List<RecordDeserializationException> errors = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            consumerConfig(),
            new StringDeserializer(),
            new EventDeserializer<>(IncidentEvent.class))) {
      TopicPartition partition = assignFromStart(consumer);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (read.size() < 2 && System.nanoTime() < deadline) {
        try {
          consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
        } catch (RecordDeserializationException e) {
          errors.add(e);
          consumer.seek(partition, e.offset() + 1);
        }
      }
    }

    assertThat(read).extracting(Event::type).containsExactly("IncidentOpened", "SymptomsCleared");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).offset()).isEqualTo(1);
    assertThat(errors.get(0).getCause())
        .isInstanceOf(EventDecodingException.class)
        .hasMessageStartingWith("cannot decode event from topic " + topic + ": not valid JSON")
        .hasMessageContaining("'<html>502 Bad Gateway</html>'");
  }

  @Test
  void aBytesConsumerGetsTheTopicPartitionAndOffsetOfTheBadRecord() {
    List<Object> outcomes = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer())) {
      assignFromStart(consumer);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (outcomes.size() < 3 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          try {
            outcomes.add(EventJson.read(record, IncidentEvent.class).type());
          } catch (EventDecodingException e) {
            outcomes.add(e);
          }
        }
      }
    }

    assertThat(outcomes).hasSize(3);
    assertThat(outcomes.get(0)).isEqualTo("IncidentOpened");
    assertThat(outcomes.get(2)).isEqualTo("SymptomsCleared");
    assertThat(outcomes.get(1))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> {
              assertThat(e.topic()).isEqualTo(topic);
              assertThat(e.partition()).isZero();
              assertThat(e.offset()).isEqualTo(1);
              assertThat(e)
                  .hasMessageStartingWith(
                      "cannot decode event from topic " + topic + " partition 0 offset 1: ");
            });
    assertThatThrownBy(() -> EventJson.read(NOT_JSON)).isInstanceOf(EventDecodingException.class);
  }

  private <V> TopicPartition assignFromStart(KafkaConsumer<String, V> consumer) {
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    return partition;
  }

  private Map<String, Object> consumerConfig() {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }
}
