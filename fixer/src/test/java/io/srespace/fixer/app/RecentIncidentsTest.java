package io.srespace.fixer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Where the recovery channel starts, on the real broker: the one Fixer's service tests run on (a
 * second broker in the same JVM would not start).
 */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "fixer"))
class RecentIncidentsTest {

  @Test
  void aStartReadsTheLastHourOnlyAndALaterRebalanceGoesOnFromWhereItWas() throws Exception {
    KafkaBroker kafka = KafkaBroker.shared();
    String topic = "recent-incidents-test";
    kafka.createTopic(topic);
    Instant now = Instant.now();
    try (var producer =
        new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(), new StringSerializer())) {
      for (var entry :
          List.of(
              List.of("two hours ago", now.minus(Duration.ofHours(2))),
              List.of("ten minutes ago", now.minus(Duration.ofMinutes(10))),
              List.of("now", now))) {
        producer
            .send(
                new ProducerRecord<>(
                    topic,
                    0,
                    ((Instant) entry.get(1)).toEpochMilli(),
                    "INC-1",
                    (String) entry.get(0)))
            .get();
      }
    }
    TopicPartition partition = new TopicPartition(topic, 0);
    RecentIncidents listener = new RecentIncidents();
    try (var consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(), new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      listener.onPartitionsAssigned(consumer, List.of(partition));

      assertThat(readAll(consumer)).containsExactly("ten minutes ago", "now");
      long position = consumer.position(partition);
      listener.onPartitionsAssigned(consumer, List.of(partition));
      assertThat(consumer.position(partition)).as("placed once").isEqualTo(position);
    }
  }

  private static List<String> readAll(KafkaConsumer<String, String> consumer) {
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (values.size() < 2 && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
    }
    consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
    return values;
  }
}
