package io.srespace.demo.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Topic;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * The service's one Kafka producer, for events and for raw OTLP bytes. Sends never block a request
 * for long: when Kafka is away, a send fails after {@code max.block.ms} and the failure is logged.
 */
@Singleton
public class KafkaPublisher {
  private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);
  private static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(30);

  private final KafkaProducer<byte[], byte[]> producer;
  private volatile long lastFailureLog;

  /**
   * @param kafka the application's Kafka settings: the broker and the telemetry principal's login
   */
  public KafkaPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
    producer =
        new KafkaProducer<>(
            KafkaClients.with(
                kafka,
                Map.of(
                    ProducerConfig.ACKS_CONFIG,
                    "1",
                    ProducerConfig.LINGER_MS_CONFIG,
                    5,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    2000,
                    ProducerConfig.BUFFER_MEMORY_CONFIG,
                    8L * 1024 * 1024,
                    ProducerConfig.CLIENT_ID_CONFIG,
                    "demo-" + ProcessHandle.current().pid())),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /** Publishes an event on its registry topic; the future completes when Kafka has it. */
  public <P extends EventPayload> CompletableFuture<Void> publish(
      Topic<String, Event<P>> topic, String key, Event<P> event) {
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event);
    return send(topic.name(), keyBytes, value, event.type());
  }

  /** Publishes bytes as they are, for the OTLP topics. */
  public CompletableFuture<Void> publishRaw(Topic<byte[], byte[]> topic, byte[] value) {
    return send(topic.name(), null, value, "record");
  }

  /** Waits for everything sent so far, e.g. before the process ends on purpose. */
  public void flush(Duration timeout) {
    CompletableFuture.runAsync(producer::flush)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(e -> null)
        .join();
  }

  void close(@Observes ShutdownEvent shutdown) {
    producer.close(Duration.ofSeconds(3));
  }

  private CompletableFuture<Void> send(String topic, byte[] key, byte[] value, String what) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    try {
      producer.send(
          new ProducerRecord<>(topic, key, value),
          (metadata, error) -> {
            if (error == null) {
              sent.complete(null);
            } else {
              logFailure(topic, what, error);
              sent.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) {
      logFailure(topic, what, e);
      sent.completeExceptionally(e);
    }
    return sent;
  }

  private void logFailure(String topic, String what, Throwable error) {
    long now = System.nanoTime();
    if (now - lastFailureLog > FAILURE_LOG_INTERVAL.toNanos()) {
      lastFailureLog = now;
      LOG.warnf(
          "cannot publish %s to %s: %s (further failures muted for %s)",
          what, topic, error, FAILURE_LOG_INTERVAL);
    }
  }
}
