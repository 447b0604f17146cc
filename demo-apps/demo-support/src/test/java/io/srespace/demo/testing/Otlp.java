package io.srespace.demo.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Decodes OTLP protobuf records as a collector or Scout would, with opentelemetry-proto. */
public final class Otlp {
  private Otlp() {}

  /** A span flattened with the service that emitted it. */
  public record ServiceSpan(String service, Span span) {
    public Duration duration() {
      return Duration.ofNanos(span.getEndTimeUnixNano() - span.getStartTimeUnixNano());
    }

    public String traceId() {
      return hex(span.getTraceId().toByteArray());
    }
  }

  public static ExportTraceServiceRequest traces(byte[] bytes) {
    try {
      return ExportTraceServiceRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not an OTLP ExportTraceServiceRequest", e);
    }
  }

  public static ExportMetricsServiceRequest metrics(byte[] bytes) {
    try {
      return ExportMetricsServiceRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not an OTLP ExportMetricsServiceRequest", e);
    }
  }

  public static List<ServiceSpan> spans(ExportTraceServiceRequest request) {
    return request.getResourceSpansList().stream()
        .flatMap(
            resource ->
                resource.getScopeSpansList().stream()
                    .flatMap(scope -> scope.getSpansList().stream())
                    .map(
                        span ->
                            new ServiceSpan(
                                serviceName(resource.getResource().getAttributesList()), span)))
        .toList();
  }

  /** The service a metrics report is from. */
  public static String service(ExportMetricsServiceRequest report) {
    return serviceName(report.getResourceMetrics(0).getResource().getAttributesList());
  }

  /** When a metrics report was taken, in nanoseconds since the epoch. */
  public static long time(ExportMetricsServiceRequest report) {
    return report
        .getResourceMetrics(0)
        .getScopeMetrics(0)
        .getMetrics(0)
        .getGauge()
        .getDataPoints(0)
        .getTimeUnixNano();
  }

  /** The value of a report's gauge (its first data point), if the report has it. */
  public static Optional<Double> gauge(ExportMetricsServiceRequest report, String name) {
    return report.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
        .filter(metric -> metric.getName().equals(name))
        .map(metric -> metric.getGauge().getDataPoints(0).getAsDouble())
        .findFirst();
  }

  public static String serviceName(List<KeyValue> attributes) {
    return attributes.stream()
        .filter(attribute -> attribute.getKey().equals("service.name"))
        .map(attribute -> attribute.getValue().getStringValue())
        .findFirst()
        .orElse("");
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(String.format("%02x", b));
    }
    return text.toString();
  }
}
