package io.srespace.scout.app;

import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.scout.detection.SpanDetection;
import io.srespace.scout.incidents.FixerRestarts;
import io.srespace.scout.incidents.IncidentCorrelator;
import io.srespace.scout.incidents.IncidentTopology;
import io.srespace.scout.incidents.PlannedRestarts;
import io.srespace.scout.journey.ConversionTopology;
import io.srespace.scout.saturation.SaturationTopology;
import io.srespace.scout.spans.KeyBudget;
import io.srespace.scout.spans.SpanWindowTopology;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Scout's whole Kafka Streams topology, which Quarkus runs: spans, journey, saturation, incidents.
 */
public class ScoutTopologyProducer {
  /** Services and edges the knowledge graph cannot name that Scout follows at once, at most. */
  static final int UNKNOWN_KEYS = 200;

  /** The services, read once and shared by the incident correlator and the health probes. */
  @Produces
  @Singleton
  KnowledgeGraph services(ScoutConfig config) {
    return KnowledgeGraph.load(Path.of(config.topology()));
  }

  /** The deployments' restarts, read from {@code deployments} ({@link Deployments}). */
  @Produces
  @Singleton
  PlannedRestarts plannedRestarts(ScoutConfig config, KnowledgeGraph services) {
    return new PlannedRestarts(services, config.deployGrace());
  }

  /**
   * Fixer's restarts, read from {@code fixer.actions} ({@link FixerActions}) and told when the
   * service answers again by the probes: a window's anomalies reach the correlator within its
   * grace, the spans' export and a second more.
   */
  @Produces
  @Singleton
  FixerRestarts fixerRestarts(ScoutConfig config, KnowledgeGraph services) {
    return new FixerRestarts(
        services, config.window(), config.grace().plus(SPANS_EXPORTED).plusSeconds(1));
  }

  /** How long a service may hold a finished span before it exports it (the demo's 1 s batches). */
  private static final Duration SPANS_EXPORTED = Duration.ofSeconds(1);

  @Produces
  @Singleton
  Topology scout(
      ScoutConfig config,
      KnowledgeGraph services,
      IncidentIssues issues,
      PlannedRestarts planned,
      FixerRestarts restarts) {
    StreamsBuilder builder = new StreamsBuilder();
    SpanDetection.detect(
        builder,
        SpanWindowTopology.windows(
            builder, config.window(), config.grace(), new KeyBudget(services, UNKNOWN_KEYS)));
    ConversionTopology.detect(builder, config.window(), config.grace(), config.minQuotes());
    SaturationTopology.detect(builder, config.heapHorizon(), config.silence());
    IncidentCorrelator correlator =
        new IncidentCorrelator(
            services,
            config.joinWindow(),
            config.quietPeriod(),
            config.gather(),
            planned,
            restarts);
    IncidentTopology.correlate(builder, correlator, tick(config), issues::open);
    return builder.build();
  }

  /** Often enough to announce an incident soon after it has gathered, and at least every second. */
  private static Duration tick(ScoutConfig config) {
    Duration gather = config.gather();
    Duration oneSecond = Duration.ofSeconds(1);
    return gather.isZero() || gather.compareTo(oneSecond) > 0
        ? oneSecond
        : gather.dividedBy(2).plusMillis(1);
  }
}
