package io.srespace.scout.app;

import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.scout.detection.SpanDetection;
import io.srespace.scout.incidents.IncidentCorrelator;
import io.srespace.scout.incidents.IncidentTopology;
import io.srespace.scout.journey.ConversionTopology;
import io.srespace.scout.saturation.SaturationTopology;
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
  /** The services, read once and shared by the incident correlator and the health probes. */
  @Produces
  @Singleton
  KnowledgeGraph services(ScoutConfig config) {
    return KnowledgeGraph.load(Path.of(config.topology()));
  }

  @Produces
  @Singleton
  Topology scout(ScoutConfig config, KnowledgeGraph services) {
    StreamsBuilder builder = new StreamsBuilder();
    SpanDetection.detect(
        builder, SpanWindowTopology.windows(builder, config.window(), config.grace()));
    ConversionTopology.detect(builder, config.window(), config.grace(), config.minQuotes());
    SaturationTopology.detect(builder, config.heapHorizon(), config.silence());
    IncidentCorrelator correlator =
        new IncidentCorrelator(services, config.joinWindow(), config.quietPeriod());
    IncidentTopology.correlate(builder, correlator, Duration.ofSeconds(1));
    return builder.build();
  }
}
