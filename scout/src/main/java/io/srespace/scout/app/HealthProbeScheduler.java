package io.srespace.scout.app;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.scout.health.HealthProbes;
import io.srespace.scout.incidents.FixerRestarts;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Probes every service's liveness each second and publishes health anomalies to scout.anomalies.
 */
@Singleton
public class HealthProbeScheduler {
  private static final Logger LOG = Logger.getLogger(HealthProbeScheduler.class);

  private final ScoutConfig config;
  private final HealthProbes probes;
  private final KafkaProducer<String, Event<AnomalyEvent>> producer;

  public HealthProbeScheduler(
      ScoutConfig config,
      KnowledgeGraph services,
      FixerRestarts restarts,
      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
    this.config = config;
    this.probes =
        new HealthProbes(
            services, config.probeTimeout(), config.probeFailures(), restarts::answered);
    Topic<String, Event<AnomalyEvent>> anomalies = Topics.SCOUT_ANOMALIES;
    this.producer =
        new KafkaProducer<>(
            KafkaClients.with(kafka, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000)),
            anomalies.keySerde().serializer(),
            anomalies.valueSerde().serializer());
  }

  @Scheduled(
      every = "${scout.probe-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void probe() {
    if (!config.probes()) {
      return;
    }
    for (Event<AnomalyEvent> anomaly : probes.probeAll(Instant.now())) {
      String service = ((AnomalyDetected) anomaly.data()).anomaly().service();
      LOG.warnf(
          "%s fails its liveness probes: %s",
          service, ((AnomalyDetected) anomaly.data()).anomaly().unit());
      producer.send(new ProducerRecord<>(Topics.SCOUT_ANOMALIES.name(), service, anomaly));
    }
  }

  void close(@Observes ShutdownEvent shutdown) {
    producer.close(Duration.ofSeconds(2));
  }
}
