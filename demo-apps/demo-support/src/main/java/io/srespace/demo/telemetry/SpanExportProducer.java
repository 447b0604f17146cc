package io.srespace.demo.telemetry;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.srespace.demo.DemoConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends finished spans, in batches, to the collector (standard OTLP over HTTP: Jaeger, which writes
 * them to Kafka's otlp_spans for Scout) and, when one is configured, to a Zipkin server too.
 * Quarkus adds span processors found as CDI beans to its tracer provider.
 */
public class SpanExportProducer {
  private static final Logger LOG = Logger.getLogger(SpanExportProducer.class);

  @Produces
  @Singleton
  SpanProcessor spanExport(DemoConfig config) {
    DemoConfig.Traces traces = config.traces();
    List<SpanProcessor> processors = new ArrayList<>();
    List<String> destinations = new ArrayList<>();
    traces
        .otlpEndpoint()
        .ifPresent(
            endpoint -> {
              processors.add(
                  batched(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build(), traces));
              destinations.add("the collector at " + endpoint);
            });
    traces
        .zipkinEndpoint()
        .ifPresent(
            endpoint -> {
              processors.add(
                  batched(ZipkinSpanExporter.builder().setEndpoint(endpoint).build(), traces));
              destinations.add("Zipkin at " + endpoint);
            });
    if (destinations.isEmpty()) {
      LOG.warn(
          "spans go nowhere: set OTLP_TRACES_ENDPOINT (the collector, which feeds Scout) to export them");
    } else {
      LOG.infof("spans go to %s", String.join(" and ", destinations));
    }
    return SpanProcessor.composite(processors);
  }

  private static SpanProcessor batched(SpanExporter exporter, DemoConfig.Traces traces) {
    return BatchSpanProcessor.builder(exporter)
        .setScheduleDelay(traces.exportDelay())
        .setMaxExportBatchSize(512)
        .setMaxQueueSize(8192)
        .build();
  }
}
