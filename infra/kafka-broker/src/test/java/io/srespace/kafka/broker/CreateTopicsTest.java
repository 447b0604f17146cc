package io.srespace.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.topics.CreateTopics;
import io.srespace.events.topics.Topics;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** The registry's topics created on a real broker that has none: what Compose's init step runs. */
class CreateTopicsTest {
  @Test
  void createsEveryRegistryTopicOnceWithItsPartitions() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start(BrokerSettings.ephemeral())) {
      assertThat(CreateTopics.create(broker.clientConfig()))
          .hasSize(Topics.allWithDeadLetters().size());
      assertThat(CreateTopics.create(broker.clientConfig())).as("a second run").isEmpty();
      try (Admin admin = Admin.create(broker.clientConfig())) {
        Map<String, TopicDescription> described =
            admin
                .describeTopics(Topics.allWithDeadLetters().stream().map(t -> t.name()).toList())
                .allTopicNames()
                .get(30, TimeUnit.SECONDS);
        Topics.allWithDeadLetters()
            .forEach(
                topic ->
                    assertThat(described.get(topic.name()).partitions())
                        .as(topic.name())
                        .hasSize(topic.partitions()));
      }
    }
  }
}
