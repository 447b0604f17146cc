package io.srespace.brain.app;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.serde.EventSerializer;
import io.srespace.events.topics.Topic;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Publishes Brain's events keyed by incident id, and waits for the broker to have them. */
@ApplicationScoped
public class EventPublisher {
  private final KafkaProducer<String, Event<EventPayload>> producer;

  public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.CLIENT_ID_CONFIG,
                "brain"),
            new StringSerializer(),
            new EventSerializer<EventPayload>());
  }

  @SuppressWarnings("unchecked")
  public void publish(Topic<String, ?> topic, Event<? extends EventPayload> event) {
    try {
      producer
          .send(new ProducerRecord<>(topic.name(), event.incidentId(), (Event<EventPayload>) event))
          .get(10, TimeUnit.SECONDS);
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

  @PreDestroy
  void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
