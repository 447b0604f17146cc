package io.srespace.scout.spans;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns one OTLP ExportTraceServiceRequest into per-service and per-edge statistics, aggregated
 * within the record, so the state store sees a few partial windows instead of every span.
 */
public final class SpanDecoder {
  private static final HexFormat HEX = HexFormat.of();

  private SpanDecoder() {}

  public static Map<SpanKey, SpanStats> summarize(byte[] otlp)
      throws InvalidProtocolBufferException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(otlp);
    Map<SpanKey, SpanStats> stats = new HashMap<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service = text(resource.getResource().getAttributesList(), "service.name");
      if (service == null) {
        continue;
      }
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          SpanKey key =
              switch (span.getKind()) {
                case SPAN_KIND_SERVER -> SpanKey.service(service);
                case SPAN_KIND_CLIENT -> SpanKey.edge(service, peer(span.getAttributesList()));
                default -> null;
              };
          if (key != null) {
            long micros = (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1000;
            stats
                .computeIfAbsent(key, k -> new SpanStats())
                .record(micros, failed(span), hex(span.getTraceId()));
          }
        }
      }
    }
    return stats;
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

  /**
   * Who a client span called: peer.service, else server.address:server.port (or the older net.peer
   * names), else the host and port of url.full (all Quarkus REST clients give).
   */
  private static String peer(List<KeyValue> attributes) {
    String named = text(attributes, "peer.service");
    if (named != null) {
      return named;
    }
    String host = first(text(attributes, "server.address"), text(attributes, "net.peer.name"));
    long port = first(number(attributes, "server.port"), number(attributes, "net.peer.port"));
    if (host != null) {
      return port > 0 ? host + ":" + port : host;
    }
    String url = first(text(attributes, "url.full"), text(attributes, "http.url"));
    if (url != null) {
      try {
        URI uri = URI.create(url);
        if (uri.getHost() != null) {
          int uriPort =
              uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
          return uri.getHost() + ":" + uriPort;
        }
      } catch (IllegalArgumentException notAUrl) {
        return "unknown";
      }
    }
    return "unknown";
  }

  private static String text(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)
          && attribute.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
        return attribute.getValue().getStringValue();
      }
    }
    return null;
  }

  private static long number(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return attribute.getValue().getIntValue();
      }
    }
    return 0;
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static long first(long a, long b) {
    return a != 0 ? a : b;
  }

  private static String hex(ByteString id) {
    return HEX.formatHex(id.toByteArray());
  }
}
