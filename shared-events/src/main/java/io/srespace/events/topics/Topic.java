package io.srespace.events.topics;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Kafka topic as everyone uses it: its name, how its keys and values are encoded, the
 * partitions it is created with, what its key means and who writes it.
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    int partitions,
    String key,
    String writer) {

  /** Suffix of the topic that receives this topic's records that could not be read. */
  public static final String DEAD_LETTER_SUFFIX = ".dlq";

  public Topic {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("not a valid topic name: " + name);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(name + " needs at least one partition");
    }
  }

  /** Where records of this topic that cannot be read go, kept as the raw bytes they came in. */
  public Topic<byte[], byte[]> deadLetters() {
    return new Topic<>(
        name + DEAD_LETTER_SUFFIX,
        Serdes.ByteArray(),
        Serdes.ByteArray(),
        1,
        "as on " + name,
        "any consumer of " + name);
  }

  public boolean isDeadLetterTopic() {
    return name.endsWith(DEAD_LETTER_SUFFIX);
  }
}
