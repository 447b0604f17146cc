package io.srespace.demo.telemetry;

import com.sun.management.OperatingSystemMXBean;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.quarkus.scheduler.Scheduled;
import io.srespace.demo.DemoConfig;
import io.srespace.demo.kafka.KafkaPublisher;
import io.srespace.events.topics.Topics;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every few seconds, publishes this process's resource metrics to {@code otlp_metrics} as one OTLP
 * ExportMetricsServiceRequest: heap used and max, process CPU, threads, answered requests by status
 * class, and the service's own gauges (its database pool, for one).
 */
@Singleton
public class MetricsPublisher {
  private static final String SCOPE = "io.srespace.demo";

  private final KafkaPublisher publisher;
  private final RequestCounter requests;
  private final List<GaugeSource> sources;
  private final DemoConfig config;
  private final Resource resource;
  private final long startNanos = Instant.now().toEpochMilli() * 1_000_000;

  public MetricsPublisher(
      KafkaPublisher publisher,
      RequestCounter requests,
      @Any Instance<GaugeSource> sources,
      DemoConfig config,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.publisher = publisher;
    this.requests = requests;
    this.sources = sources.stream().toList();
    this.config = config;
    this.resource =
        Resource.newBuilder()
            .addAttributes(attribute("service.name", service))
            .addAttributes(
                attribute("service.instance.id", String.valueOf(ProcessHandle.current().pid())))
            .build();
  }

  @Scheduled(
      every = "${demo.metrics.interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void publish() {
    if (config.metrics().enabled()) {
      publisher.publishRaw(Topics.OTLP_METRICS, report(Instant.now()).toByteArray());
    }
  }

  /** The report as it would be published at {@code now}. */
  public ExportMetricsServiceRequest report(Instant now) {
    long nanos = now.toEpochMilli() * 1_000_000;
    ScopeMetrics.Builder scope =
        ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName(SCOPE));
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    Map<String, String> heapType = Map.of("jvm.memory.type", "heap");
    scope.addMetrics(gauge("jvm.memory.used", "By", heap.getUsed(), heapType, nanos));
    scope.addMetrics(gauge("jvm.memory.limit", "By", heap.getMax(), heapType, nanos));
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    scope.addMetrics(
        gauge(
            "process.cpu.utilization", "1", Math.max(0, os.getProcessCpuLoad()), Map.of(), nanos));
    scope.addMetrics(
        gauge(
            "jvm.thread.count",
            "{thread}",
            ManagementFactory.getThreadMXBean().getThreadCount(),
            Map.of(),
            nanos));
    scope.addMetrics(requestCount(nanos));
    for (GaugeSource source : sources) {
      for (GaugeSource.Gauge gauge : source.gauges()) {
        scope.addMetrics(
            gauge(gauge.name(), gauge.unit(), gauge.value(), gauge.attributes(), nanos));
      }
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(scope))
        .build();
  }

  private Metric requestCount(long nanos) {
    Sum.Builder sum =
        Sum.newBuilder()
            .setIsMonotonic(true)
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    requests
        .counts()
        .forEach(
            (status, count) ->
                sum.addDataPoints(
                    NumberDataPoint.newBuilder()
                        .setStartTimeUnixNano(startNanos)
                        .setTimeUnixNano(nanos)
                        .setAsInt(count)
                        .addAttributes(attribute("http.response.status_class", status))));
    return Metric.newBuilder()
        .setName("http.server.request.count")
        .setUnit("{request}")
        .setSum(sum)
        .build();
  }

  private static Metric gauge(
      String name, String unit, double value, Map<String, String> attributes, long nanos) {
    NumberDataPoint.Builder point =
        NumberDataPoint.newBuilder().setTimeUnixNano(nanos).setAsDouble(value);
    attributes.forEach((key, text) -> point.addAttributes(attribute(key, text)));
    return Metric.newBuilder()
        .setName(name)
        .setUnit(unit)
        .setGauge(Gauge.newBuilder().addDataPoints(point))
        .build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
