package io.srespace.bench.scout;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.serde.EventDeserializer;
import io.srespace.events.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every event of some topics, read from their start by a background consumer, for an evaluator to
 * wait on and search.
 */
final class EventLog implements AutoCloseable {
  private final KafkaConsumer<String, Event<EventPayload>> consumer;
  private final Thread reader;
  private final List<Event<EventPayload>> events = new ArrayList<>();
  private volatile boolean closed;

  EventLog(Map<String, Object> clientConfig, List<Topic<?, ?>> topics) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "evaluation-" + System.nanoTime());
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new EventDeserializer());
    consumer.subscribe(topics.stream().map(Topic::name).toList());
    this.reader = new Thread(this::read, "event-log");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try {
      while (!closed) {
        for (var record : consumer.poll(Duration.ofMillis(100))) {
          synchronized (this) {
            events.add(record.value());
            notifyAll();
          }
        }
      }
    } catch (WakeupException closing) {
      // closed
    } finally {
      consumer.close();
    }
  }

  /** The events seen so far that match. */
  synchronized <P extends EventPayload> List<Event<P>> all(
      Class<P> type, Predicate<Event<P>> test) {
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

  /** Waits up to {@code timeout} for the first event that matches. */
  synchronized <P extends EventPayload> Optional<Event<P>> await(
      Class<P> type, Predicate<Event<P>> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Event<P>> found = all(type, test);
      if (!found.isEmpty()) {
        return Optional.of(found.get(0));
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    consumer.wakeup();
    reader.join(5000);
  }
}
