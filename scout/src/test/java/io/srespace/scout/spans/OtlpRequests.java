package io.srespace.scout.spans;

import static io.srespace.scout.TestStreams.number;
import static io.srespace.scout.TestStreams.text;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.concurrent.ThreadLocalRandom;

/** Builds OTLP trace requests as an instrumented service's exporter would write them. */
final class OtlpRequests {
  private final ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
  private ScopeSpans.Builder scope;
  private ResourceSpans.Builder resource;

  static OtlpRequests request() {
    return new OtlpRequests();
  }

  OtlpRequests service(String name) {
    flush();
    resource =
        ResourceSpans.newBuilder()
            .setResource(Resource.newBuilder().addAttributes(text("service.name", name)));
    scope = ScopeSpans.newBuilder();
    return this;
  }

  /** A server span of {@code millis} answered with {@code status}. */
  OtlpRequests server(String name, double millis, int status) {
    scope.addSpans(
        span(name, Span.SpanKind.SPAN_KIND_SERVER, millis, status)
            .addAttributes(number("http.response.status_code", status)));
    return this;
  }

  /** A client span to {@code host:port}, failed or not. */
  OtlpRequests client(String name, double millis, String host, int port, boolean failed) {
    Span.Builder span =
        span(name, Span.SpanKind.SPAN_KIND_CLIENT, millis, failed ? 500 : 200)
            .addAttributes(text("server.address", host))
            .addAttributes(number("server.port", port));
    scope.addSpans(span);
    return this;
  }

  /** A client span that, as Quarkus REST clients write them, names its peer only in url.full. */
  OtlpRequests clientToUrl(String name, double millis, String url) {
    scope.addSpans(
        span(name, Span.SpanKind.SPAN_KIND_CLIENT, millis, 200)
            .addAttributes(text("url.full", url)));
    return this;
  }

  byte[] bytes() {
    flush();
    return request.build().toByteArray();
  }

  private void flush() {
    if (resource != null) {
      request.addResourceSpans(resource.addScopeSpans(scope));
      resource = null;
    }
  }

  private static Span.Builder span(String name, Span.SpanKind kind, double millis, int status) {
    long start = 1_763_899_200_000_000_000L;
    byte[] trace = new byte[16];
    ThreadLocalRandom.current().nextBytes(trace);
    byte[] id = new byte[8];
    ThreadLocalRandom.current().nextBytes(id);
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(trace))
        .setSpanId(ByteString.copyFrom(id))
        .setName(name)
        .setKind(kind)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + (long) (millis * 1_000_000))
        .setStatus(
            Status.newBuilder()
                .setCode(
                    status >= 500
                        ? Status.StatusCode.STATUS_CODE_ERROR
                        : Status.StatusCode.STATUS_CODE_UNSET));
  }
}
