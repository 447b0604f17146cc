package io.srespace.demo.telemetry;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.srespace.demo.DemoConfig;
import io.srespace.demo.kafka.KafkaPublisher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends finished spans, in batches, to Kafka and to the configured trace backend. Quarkus adds span
 * processors found as CDI beans to its tracer provider.
 */
public class SpanExportProducer {
  private static final Logger LOG = Logger.getLogger(SpanExportProducer.class);

  @Produces
  @Singleton
  SpanProcessor spanExport(DemoConfig config, KafkaPublisher publisher) {
    DemoConfig.Traces traces = config.traces();
    List<SpanProcessor> processors = new ArrayList<>();
    if (traces.kafka()) {
      processors.add(batched(new KafkaSpanExporter(publisher), traces));
    }
    backend(traces).ifPresent(exporter -> processors.add(batched(exporter, traces)));
    LOG.infof("spans go to: %s%s", traces.kafka() ? "otlp_spans " : "", traces.backend());
    return SpanProcessor.composite(processors);
  }

  private static Optional<SpanExporter> backend(DemoConfig.Traces traces) {
    return switch (traces.backend()) {
      case "none" -> Optional.empty();
      case "zipkin" ->
          Optional.of(
              ZipkinSpanExporter.builder()
                  .setEndpoint(required(traces.zipkinEndpoint(), "demo.traces.zipkin-endpoint"))
                  .build());
      case "jaeger", "otlp" ->
          Optional.of(
              OtlpHttpSpanExporter.builder()
                  .setEndpoint(required(traces.otlpEndpoint(), "demo.traces.otlp-endpoint"))
                  .build());
      default ->
          throw new IllegalArgumentException(
              "demo.traces.backend must be none, zipkin or jaeger, was " + traces.backend());
    };
  }

  private static String required(Optional<String> value, String property) {
    return value.orElseThrow(
        () -> new IllegalArgumentException(property + " is needed for this trace backend"));
  }

  private static SpanProcessor batched(SpanExporter exporter, DemoConfig.Traces traces) {
    return BatchSpanProcessor.builder(exporter)
        .setScheduleDelay(traces.exportDelay())
        .setMaxExportBatchSize(512)
        .setMaxQueueSize(8192)
        .build();
  }
}
