package io.srespace.fixer.app;

import io.srespace.events.Event;
import io.srespace.events.RemediationEvent;
import io.srespace.events.topics.Topics;
import io.srespace.fixer.state.ActionLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/** Rebuilds the action log from every event on {@code fixer.actions}, up to its current end. */
final class ActionReplay {
  private static final Logger LOG = Logger.getLogger(ActionReplay.class);

  private ActionReplay() {}

  static ActionLog replay(String bootstrap, Duration timeout) {
    ActionLog log = new ActionLog();
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    var topic = Topics.FIXER_ACTIONS;
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
        for (ConsumerRecord<String, Event<RemediationEvent>> record :
            consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null) {
            log.apply(record.value());
            read++;
          }
        }
      }
    } catch (org.apache.kafka.common.errors.SerializationException e) {
      throw new IllegalStateException(
          "%s holds a record Fixer cannot read back: %s".formatted(topic.name(), e.getMessage()),
          e);
    }
    LOG.infof(
        "action log rebuilt from %d events of %s: %d actions, %d unfinished",
        read, topic.name(), log.size(), log.unfinished().size());
    return log;
  }
}
