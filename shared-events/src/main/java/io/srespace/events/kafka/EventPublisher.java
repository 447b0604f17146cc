package io.srespace.events.kafka;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.serde.EventSerializer;
import io.srespace.events.topics.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events keyed by their incident and waits until the broker has each one: what an agent
 * says happened is on its topic before it acts on having said it.
 */
public final class EventPublisher implements AutoCloseable {
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
  private final KafkaProducer<String, Event<EventPayload>> producer;

  /**
   * @param kafka the connection's settings (bootstrap servers and the user's SASL login, see {@link
   *     KafkaClients})
   */
  public EventPublisher(Map<String, ?> kafka, String clientId) {
    producer =
        new KafkaProducer<>(
            KafkaClients.with(
                kafka,
                Map.of(
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true,
                    ProducerConfig.CLIENT_ID_CONFIG,
                    clientId)),
            new StringSerializer(),
            new EventSerializer<EventPayload>());
  }

  /**
   * Publishes on {@code topic}, keyed by the event's incident id.
   *
   * @throws IllegalStateException when the broker has not taken it within 10 s
   */
  public void publish(Topic<String, ?> topic, Event<? extends EventPayload> event) {
    @SuppressWarnings("unchecked")
    Event<EventPayload> value = (Event<EventPayload>) event;
    try {
      producer
          .send(new ProducerRecord<>(topic.name(), event.incidentId(), value))
          .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "%s of incident %s not published to %s: %s"
              .formatted(event.type(), event.incidentId(), topic.name(), e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + event.type(), e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
