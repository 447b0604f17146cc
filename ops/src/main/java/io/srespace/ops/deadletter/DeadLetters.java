package io.srespace.ops.deadletter;

import io.srespace.events.kafka.DeadLetter;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ./sre-space dead-letters}: every record the agents gave up on, read from the dead-letter
 * twin of each topic of the registry: when, from where, who gave up and why, and the start of what
 * it held (one line, printable only: it is untrusted text).
 */
public final class DeadLetters {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Map<String, Object> login;

  /**
   * @param login Kafka client settings of a user who may read the dead-letter topics
   */
  public DeadLetters(Map<String, Object> login) {
    this.login = Map.copyOf(login);
  }

  /** The dead letters written since {@code since}, oldest first, per dead-letter topic. */
  public Map<String, List<DeadLetter>> since(Instant since) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, List<DeadLetter>> found = new TreeMap<>();
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (Topic<?, ?> topic : Topics.all()) {
        String name = topic.deadLetters().name();
        List<TopicPartition> partitions =
            consumer.partitionsFor(name, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(name, p.partition()))
                .toList();
        if (partitions.isEmpty()) {
          continue;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, Long> start = new HashMap<>();
        var offsets =
            consumer.offsetsForTimes(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> since.toEpochMilli())),
                Duration.ofSeconds(10));
        for (TopicPartition partition : partitions) {
          var at = offsets.get(partition);
          start.put(partition, at == null ? end.get(partition) : at.offset());
          consumer.seek(partition, start.get(partition));
        }
        List<DeadLetter> letters = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
            && System.nanoTime() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(DeadLetter.from(r)));
        }
        if (!letters.isEmpty()) {
          letters.sort(Comparator.comparing(DeadLetter::at));
          found.put(name, letters);
        }
      }
    }
    return found;
  }

  /** Prints the dead letters, one line each, and a summary line; returns how many there were. */
  public static int print(Map<String, List<DeadLetter>> found, Duration window, PrintStream out) {
    int count = 0;
    for (var topic : found.entrySet()) {
      out.printf("%s (%d)%n", topic.getKey(), topic.getValue().size());
      for (DeadLetter letter : topic.getValue()) {
        count++;
        out.printf(
            "  %s  %s[%d]@%d  by %s: %s%n      value: %s%n",
            TIME.format(letter.at()),
            letter.topic(),
            letter.partition(),
            letter.offset(),
            letter.consumer(),
            letter.reason(),
            letter.preview(100));
      }
    }
    out.printf(
        "%d dead letter%s in the last %s, in %d topic%s%n",
        count,
        count == 1 ? "" : "s",
        window.toHours() >= 1 ? window.toHours() + " h" : window.toMinutes() + " min",
        found.size(),
        found.size() == 1 ? "" : "s");
    return count;
  }
}
