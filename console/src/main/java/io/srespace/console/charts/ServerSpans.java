package io.srespace.console.charts;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests served in one OTLP export (the collector's {@code otlp_proto} bytes): each server
 * span's service, end, duration and whether it failed (an error status or a 5xx answer).
 */
public final class ServerSpans {
  /** The longest service name charted; telemetry with a longer one is left out. */
  static final int LONGEST_NAME = 100;

  private ServerSpans() {}

  /** One request a service served. */
  public record Request(String service, Instant end, double millis, boolean failed) {}

  /** The requests in {@code bytes}; fails with what is wrong when they are no OTLP export. */
  public static List<Request> read(byte[] bytes) {
    ExportTraceServiceRequest export;
    try {
      export = ExportTraceServiceRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "not an OTLP trace export (%d bytes): %s".formatted(bytes.length, e.getMessage()), e);
    }
    List<Request> requests = new ArrayList<>();
    for (ResourceSpans resource : export.getResourceSpansList()) {
      String service = text(resource.getResource().getAttributesList(), "service.name");
      if (service == null || service.isBlank() || service.length() > LONGEST_NAME) {
        continue;
      }
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          if (span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
              && span.getEndTimeUnixNano() >= span.getStartTimeUnixNano()) {
            requests.add(
                new Request(
                    service,
                    instant(span.getEndTimeUnixNano()),
                    (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6,
                    failed(span)));
          }
        }
      }
    }
    return requests;
  }

  private static boolean failed(Span span) {
    if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      return true;
    }
    for (KeyValue attribute : span.getAttributesList()) {
      if (attribute.getKey().equals("http.response.status_code")
          || attribute.getKey().equals("http.status_code")) {
        return attribute.getValue().getIntValue() >= 500;
      }
    }
    return false;
  }

  private static String text(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(attribute -> attribute.getKey().equals(key))
        .map(attribute -> attribute.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }

  private static Instant instant(long unixNanos) {
    return Instant.ofEpochSecond(unixNanos / 1_000_000_000L, unixNanos % 1_000_000_000L);
  }
}
