package io.srespace.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

class DeadLetterCountTest {
  private final DeadLetterCount count = new DeadLetterCount();

  @Test
  void countsUndecodableAndFailedRecordsByTheTopicTheyCameFrom() {
    var undecodable = new DeadLetterCount.Undecodable(count);
    var nacked = new DeadLetterCount.Nacked(count);
    assertThat(count.describe()).isEqualTo("none");

    byte[] junk = "not json".getBytes(StandardCharsets.UTF_8);
    Object value =
        undecodable.handleDeserializationFailure(
            "scout.incidents",
            false,
            "EventDeserializer",
            junk,
            new IllegalArgumentException("not json"),
            new RecordHeaders());
    assertThat(value).as("left to the dead-letter strategy").isNull();
    nacked.onMessageNack(fromTopic("fixer.actions"), new IllegalStateException("failed"));
    nacked.onMessageNack(fromTopic("scout.incidents"), new IllegalStateException("failed"));
    nacked.onMessageAck(fromTopic("scout.incidents"));
    nacked.onMessageNack(Message.of("not from Kafka"), new IllegalStateException("failed"));

    assertThat(count.total()).isEqualTo(3);
    assertThat(count.byTopic())
        .containsEntry("scout.incidents", 2L)
        .containsEntry("fixer.actions", 1L);
    assertThat(count.describe()).isEqualTo("fixer.actions 1, scout.incidents 2");
  }

  private static Message<String> fromTopic(String topic) {
    ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, 0, 42L, "INC-1", "{}");
    return Message.of("{}", Metadata.of(new IncomingKafkaRecordMetadata<>(record, "channel")));
  }
}
