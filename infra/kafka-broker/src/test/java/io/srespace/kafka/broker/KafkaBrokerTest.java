package io.srespace.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerTest {
  @Test
  void theSharedBrokerHasEveryRegistryTopicWithItsPartitions(KafkaBroker kafka) throws Exception {
    Map<String, Integer> partitions;
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      partitions =
          admin
              .describeTopics(Topics.allWithDeadLetters().stream().map(Topic::name).toList())
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .values()
              .stream()
              .collect(
                  Collectors.toMap(TopicDescription::name, topic -> topic.partitions().size()));
    }

    for (Topic<?, ?> topic : Topics.allWithDeadLetters()) {
      assertThat(partitions).containsEntry(topic.name(), topic.partitions());
    }
  }

  @Test
  void everyTestInTheJvmGetsTheSameBroker(KafkaBroker kafka) {
    assertThat(KafkaBroker.shared()).isSameAs(kafka);
    assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
  }

  @Test
  void theQuarkusResourcePointsKafkaAndKafkaStreamsAtTheBrokerWithoutDevServices(
      KafkaBroker kafka) {
    KafkaBrokerResource resource = new KafkaBrokerResource();
    resource.init(Map.of("principal", "brain"));

    Map<String, String> config = resource.start();
    resource.stop();

    assertThat(config)
        .containsEntry("kafka.bootstrap.servers", kafka.bootstrapServers())
        .containsEntry("quarkus.kafka-streams.bootstrap-servers", kafka.bootstrapServers())
        .containsEntry("quarkus.kafka.devservices.enabled", "false")
        .containsEntry("KAFKA_USER", "brain")
        .containsEntry("KAFKA_PASSWORD", kafka.settings().passwords().get("brain"));
    assertThat(KafkaBroker.shared()).isSameAs(kafka);
    assertThatThrownBy(() -> new KafkaBrokerResource().init(Map.of("principal", "mallory")))
        .hasMessageContaining("was mallory");
  }

  @Test
  void aSecondBrokerOnATakenPortIsRefusedWithAClearError(KafkaBroker kafka, @TempDir Path data) {
    BrokerSettings settings = kafka.settings();
    BrokerSettings clash =
        BrokerSettings.persistent(
            settings.host(), settings.port(), settings.port() + 7, data, data.resolve("users"));

    assertThatThrownBy(() -> KafkaBroker.start(clash))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "port %d on 127.0.0.1 is already in use: is another broker running?"
                .formatted(settings.port()));
    assertThat(Files.exists(data.resolve("logs"))).isFalse();
  }
}
