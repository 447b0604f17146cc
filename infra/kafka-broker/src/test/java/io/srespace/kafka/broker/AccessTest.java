package io.srespace.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Access;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The broker holds every principal to the access table: what it may not do, it cannot. */
@ExtendWith(KafkaBrokerExtension.class)
class AccessTest {
  private static final byte[] VALUE = "{}".getBytes(StandardCharsets.UTF_8);

  @Test
  void eachPrincipalWritesExactlyTheTopicsTheTableGivesIt(KafkaBroker kafka) throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Principal principal : Principal.values()) {
      Access.Grant grant = Access.of(principal);
      try (var producer = producer(kafka.clientConfig(principal))) {
        for (Topic<?, ?> topic : Topics.allWithDeadLetters()) {
          boolean written = writes(producer, topic.name());
          if (written != grant.mayWrite(topic.name())) {
            wrong.add(
                "%s %s %s"
                    .formatted(
                        principal.user(), written ? "wrote" : "could not write", topic.name()));
          }
        }
      }
    }

    assertThat(wrong).isEmpty();
    assertThat(Access.of(Principal.BRAIN).mayWrite("brain.diagnoses")).isTrue();
    assertThat(Access.of(Principal.SCOUT).mayWrite("brain.diagnoses")).isFalse();
    assertThat(Access.of(Principal.TELEMETRY).mayWrite("fixer.actions")).isFalse();
  }

  @Test
  void aPrincipalReadsOnlyWhatItConsumesAndJoinsOnlyItsOwnGroups(KafkaBroker kafka) {
    assertThat(readsFromStart(kafka.clientConfig(Principal.FIXER), "brain.diagnoses", null))
        .isTrue();
    assertThat(readsFromStart(kafka.clientConfig(Principal.MEMORY), "brain.diagnoses", null))
        .isFalse();
    assertThat(readsFromStart(kafka.clientConfig(Principal.TELEMETRY), "scout.incidents", null))
        .isFalse();

    assertThatThrownBy(
            () ->
                readsFromStart(kafka.clientConfig(Principal.MEMORY), "brain.postmortems", "fixer"))
        .isInstanceOf(GroupAuthorizationException.class);
  }

  @Test
  void aWrongPasswordIsRefused(KafkaBroker kafka) {
    Map<String, Object> config =
        KafkaClients.config(kafka.bootstrapServers(), "brain", "not-brains-password");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);

    try (var producer = producer(config)) {
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("brain.diagnoses", VALUE))
                      .get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void nobodyButTheAdminCreatesTopicsAndNoTopicIsMadeByWritingToIt(KafkaBroker kafka)
      throws Exception {
    try (Admin brain = Admin.create(kafka.clientConfig(Principal.BRAIN))) {
      assertThatThrownBy(
              () ->
                  brain
                      .createTopics(List.of(new NewTopic("brain.sneaky", 1, (short) 1)))
                      .all()
                      .get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    Map<String, Object> admin = new HashMap<>(kafka.clientConfig());
    admin.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
    try (var producer = producer(admin)) {
      assertThat(writes(producer, "not.in.the.registry")).isFalse();
    }
    try (Admin check = Admin.create(kafka.clientConfig())) {
      assertThat(check.listTopics().names().get(30, TimeUnit.SECONDS))
          .doesNotContain("not.in.the.registry", "brain.sneaky");
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> kafka) {
    Map<String, Object> config = new HashMap<>(kafka);
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static boolean writes(KafkaProducer<byte[], byte[]> producer, String topic)
      throws InterruptedException {
    try {
      producer.send(new ProducerRecord<>(topic, VALUE)).get(15, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
      return false;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer writing " + topic, e);
    }
  }

  /** Whether {@code kafka}'s user may read {@code topic} (in {@code group}, when given). */
  private static boolean readsFromStart(Map<String, Object> kafka, String topic, String group) {
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      if (group == null) {
        var partitions =
            consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
      } else {
        consumer.subscribe(List.of(topic));
      }
      consumer.poll(Duration.ofSeconds(2));
      return true;
    } catch (TopicAuthorizationException e) {
      return false;
    }
  }
}
