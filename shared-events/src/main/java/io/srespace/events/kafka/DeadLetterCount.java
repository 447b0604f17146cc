package io.srespace.events.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How many records an agent's messaging channels sent to dead-letter topics since it started, by
 * the topic they came from, for its health and its metrics to tell. Two kinds get there: a record
 * the channel's deserializer could not read (counted by {@link Undecodable}, which each channel
 * names as its {@code value-deserialization-failure-handler}), and one whose handling failed
 * (counted by {@link Nacked} once the channel's dead-letter strategy has taken it).
 */
@ApplicationScoped
public class DeadLetterCount {
  /** The counter on the agent's metrics endpoint, {@code srespace_dead_letters_total{topic}}. */
  public static final String METRIC = "srespace.dead.letters";

  private final ConcurrentMap<String, LongAdder> byTopic = new ConcurrentHashMap<>();
  private final Optional<MeterRegistry> metrics;

  /** Counted here only (what a test without metrics uses). */
  public DeadLetterCount() {
    this.metrics = Optional.empty();
  }

  /** Counted here and on the agent's metrics, when it has a registry. */
  @Inject
  public DeadLetterCount(Instance<MeterRegistry> registries) {
    this.metrics = registries.isResolvable() ? Optional.of(registries.get()) : Optional.empty();
  }

  public void count(String topic) {
    byTopic.computeIfAbsent(topic, t -> new LongAdder()).increment();
    metrics.ifPresent(registry -> registry.counter(METRIC, "topic", topic).increment());
  }

  public long total() {
    return byTopic.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** The count of each topic that had any, in the topics' order. */
  public Map<String, Long> byTopic() {
    Map<String, Long> counts = new TreeMap<>();
    byTopic.forEach((topic, count) -> counts.put(topic, count.sum()));
    return counts;
  }

  /** "none", or the topics and their counts: {@code scout.incidents 2, fixer.actions 1}. */
  public String describe() {
    Map<String, Long> counts = byTopic();
    return counts.isEmpty()
        ? "none"
        : counts.entrySet().stream()
            .map(count -> count.getKey() + " " + count.getValue())
            .collect(Collectors.joining(", "));
  }

  /**
   * Counts a record that could not be deserialized and leaves the rest as without a handler: the
   * value stays {@code null} with the failure in the record's headers, and the channel's
   * dead-letter strategy sends it on.
   */
  @ApplicationScoped
  @Identifier(Undecodable.NAME)
  public static class Undecodable implements DeserializationFailureHandler<Object> {
    /** What a channel's {@code value-deserialization-failure-handler} names. */
    public static final String NAME = "count-dead-letters";

    private final DeadLetterCount count;

    public Undecodable(DeadLetterCount count) {
      this.count = count;
    }

    @Override
    public Object handleDeserializationFailure(
        String topic,
        boolean isKey,
        String deserializer,
        byte[] data,
        Exception exception,
        Headers headers) {
      count.count(topic);
      return null;
    }
  }

  /** Counts each record of a Kafka channel whose handling failed, on every incoming channel. */
  @ApplicationScoped
  public static class Nacked implements IncomingInterceptor {
    private final DeadLetterCount count;

    public Nacked(DeadLetterCount count) {
      this.count = count;
    }

    @Override
    public void onMessageAck(Message<?> message) {}

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
      message
          .getMetadata(IncomingKafkaRecordMetadata.class)
          .ifPresent(record -> count.count(record.getTopic()));
    }
  }
}
