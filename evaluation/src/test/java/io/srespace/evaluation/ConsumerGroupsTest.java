package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which consumer groups are consuming, as the real broker tells it. */
@ExtendWith(KafkaBrokerExtension.class)
class ConsumerGroupsTest {

  @Test
  void aGroupWithAMemberIsConsumingAndOneWithoutIsReportedStopped(KafkaBroker kafka)
      throws Exception {
    kafka.createTopic("resilience-test");
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "resilience-consuming");
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("resilience-test"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200));
      }
      assertThat(consumer.assignment()).isNotEmpty();

      List<String> stopped =
          new ConsumerGroups(
                  kafka.clientConfig(), List.of("resilience-consuming", "resilience-gone"))
              .stopped(Duration.ofSeconds(3));

      assertThat(stopped).hasSize(1);
      assertThat(stopped.get(0)).startsWith("resilience-gone (").contains("0 member(s)");
    }
  }
}
