package io.srespace.fixer.app;

import io.srespace.events.Event;
import io.srespace.events.RemediationEvent;
import io.srespace.events.serde.EventSerializer;
import io.srespace.events.topics.Topics;
import io.srespace.fixer.flow.ActionSink;
import io.srespace.fixer.state.ActionLog;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes Fixer's events on {@code fixer.actions}, keyed by incident, and waits for the broker to
 * have each one before the action log takes it: an action the topic does not know never happened.
 */
@ApplicationScoped
public class ActionPublisher implements ActionSink {
  private final KafkaProducer<String, Event<RemediationEvent>> producer;
  private final ActionLog log;

  public ActionPublisher(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, ActionLog log) {
    this.log = log;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.CLIENT_ID_CONFIG,
                "fixer"),
            new StringSerializer(),
            new EventSerializer<RemediationEvent>());
  }

  @Override
  public void publish(Event<RemediationEvent> event) {
    try {
      producer
          .send(new ProducerRecord<>(Topics.FIXER_ACTIONS.name(), event.incidentId(), event))
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "%s of incident %s not published to %s: %s"
              .formatted(
                  event.type(), event.incidentId(), Topics.FIXER_ACTIONS.name(), e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + event.type(), e);
    }
    log.apply(event);
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
