package io.srespace.evaluation;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.serde.EventDecodingException;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every event of the five topics that tell an incident's story (the ground truth on {@code
 * chaos.faults}, and Scout's, Brain's and Fixer's events), from a given time on, in the order they
 * arrive: the evaluation's timeline. A background thread reads them; nothing is written anywhere.
 */
final class TimelineConsumer implements AutoCloseable {
  static final List<String> TOPICS =
      List.of(
          Topics.CHAOS_FAULTS.name(),
          Topics.SCOUT_INCIDENTS.name(),
          Topics.BRAIN_DIAGNOSES.name(),
          Topics.FIXER_ACTIONS.name(),
          Topics.BRAIN_POSTMORTEMS.name());
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread reader;
  private final List<Event<EventPayload>> events = new ArrayList<>();
  private volatile boolean closed;
  private volatile RuntimeException failure;
  private int undecodable;

  private TimelineConsumer(KafkaConsumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
    this.reader = new Thread(this::read, "evaluation-timeline");
    reader.setDaemon(true);
  }

  /**
   * Follows the topics from the records written at {@code from} on (their end when nothing is that
   * recent); the positions are fixed before this returns, so nothing published afterwards is
   * missed.
   *
   * @throws IllegalStateException when a topic is missing or the broker does not answer
   */
  static TimelineConsumer follow(Map<String, Object> kafka, Instant from) {
    Object bootstrapServers = kafka.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "evaluation-timeline");
    var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : TOPICS) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, SETUP_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
          throw new IllegalStateException(
              "topic %s does not exist on %s: is the stack up?".formatted(topic, bootstrapServers));
        }
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> at = new HashMap<>();
      partitions.forEach(partition -> at.put(partition, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at, SETUP_TIMEOUT);
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp offset = found.get(partition);
        if (offset == null) {
          consumer.seekToEnd(List.of(partition));
        } else {
          consumer.seek(partition, offset.offset());
        }
        consumer.position(partition, SETUP_TIMEOUT);
      }
    } catch (RuntimeException e) {
      consumer.close(Duration.ofSeconds(1));
      throw e instanceof IllegalStateException
          ? e
          : new IllegalStateException(
              "cannot follow the event topics on %s: %s".formatted(bootstrapServers, e), e);
    }
    TimelineConsumer timeline = new TimelineConsumer(consumer);
    timeline.reader.start();
    return timeline;
  }

  private void read() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          add(record);
        }
      }
    } catch (WakeupException closing) {
      // close() woke the poll
    } catch (RuntimeException e) {
      failure = e;
      synchronized (this) {
        notifyAll();
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void add(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    Event<EventPayload> event;
    try {
      event = EventJson.read(record, EventPayload.class);
    } catch (EventDecodingException e) {
      synchronized (this) {
        undecodable++;
      }
      System.err.println("evaluation: skipped a record that is not an event: " + e.getMessage());
      return;
    }
    synchronized (this) {
      events.add(event);
      notifyAll();
    }
  }

  /** How many events have arrived so far; an index into the timeline. */
  synchronized int size() {
    return events.size();
  }

  /** The events that arrived from index {@code from} on, in arrival order. */
  synchronized List<Event<EventPayload>> since(int from) {
    return List.copyOf(events.subList(Math.min(from, events.size()), events.size()));
  }

  /** The events that arrived between the two indexes, in arrival order. */
  synchronized List<Event<EventPayload>> between(int from, int to) {
    int end = Math.min(to, events.size());
    return List.copyOf(events.subList(Math.min(from, end), end));
  }

  synchronized int undecodable() {
    return undecodable;
  }

  /**
   * Waits up to {@code timeout} for an event beyond the first {@code known}; true when one came.
   *
   * @throws IllegalStateException when the reader has failed
   */
  synchronized boolean awaitMore(int known, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.size() <= known) {
      if (failure != null) {
        throw new IllegalStateException("the timeline consumer failed: " + failure, failure);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** The events of one payload type among {@code events} that match {@code test}. */
  static <P extends EventPayload> List<Event<P>> of(
      List<Event<EventPayload>> events, Class<P> type, Predicate<Event<P>> test) {
    List<Event<P>> found = new ArrayList<>();
    for (Event<EventPayload> event : events) {
      if (type.isInstance(event.data())) {
        @SuppressWarnings("unchecked")
        Event<P> typed = (Event<P>) (Event<?>) event;
        if (test.test(typed)) {
          found.add(typed);
        }
      }
    }
    return found;
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    consumer.wakeup();
    reader.join(5000);
  }
}
