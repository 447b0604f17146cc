package io.srespace.bench.scout;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Spans shaped like the demo services' (HTTP server and client spans with their attributes). */
final class BenchSpans {
  private BenchSpans() {}

  static Builder builder(SplittableRandom random) {
    return new Builder(random);
  }

  static final class Builder {
    private final SplittableRandom random;
    private final Map<String, ScopeSpans.Builder> byService = new LinkedHashMap<>();

    private Builder(SplittableRandom random) {
      this.random = random;
    }

    void add(String service, boolean client, boolean failed) {
      byte[] trace = new byte[16];
      byte[] id = new byte[8];
      random.nextBytes(trace);
      random.nextBytes(id);
      long start = 1_763_899_200_000_000_000L + random.nextLong(10_000_000_000L);
      long micros = (long) Math.exp(8 + random.nextGaussian(0, 0.6));
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(trace))
              .setSpanId(ByteString.copyFrom(id))
              .setName(client ? "POST" : "POST /quotes")
              .setKind(client ? Span.SpanKind.SPAN_KIND_CLIENT : Span.SpanKind.SPAN_KIND_SERVER)
              .setStartTimeUnixNano(start)
              .setEndTimeUnixNano(start + micros * 1000)
              .addAttributes(text("http.request.method", "POST"))
              .addAttributes(number("http.response.status_code", failed ? 500 : 200))
              .addAttributes(text("url.path", "/quotes"))
              .addAttributes(text("http.route", "/quotes"))
              .addAttributes(text("url.scheme", "http"))
              .addAttributes(text("network.protocol.version", "1.1"))
              .addAttributes(
                  text("user_agent.original", "Java-http-client/17.0.15 (traffic-generator)"))
              .addAttributes(text("client.address", "127.0.0.1"))
              .addAttributes(text("code.namespace", "io.srespace.demo.quote.quotes.QuoteResource"))
              .addAttributes(text("code.function", "quote"))
              .addAttributes(text("thread.name", "executor-thread-" + random.nextInt(32)))
              .addAttributes(number("thread.id", 100 + random.nextInt(400)))
              .setStatus(
                  Status.newBuilder()
                      .setCode(
                          failed
                              ? Status.StatusCode.STATUS_CODE_ERROR
                              : Status.StatusCode.STATUS_CODE_UNSET));
      if (client) {
        span.addAttributes(text("server.address", "127.0.0.1"))
            .addAttributes(number("server.port", 8081));
      }
      byService
          .computeIfAbsent(
              service,
              s ->
                  ScopeSpans.newBuilder()
                      .setScope(
                          InstrumentationScope.newBuilder().setName("io.quarkus.opentelemetry")))
          .addSpans(span);
    }

    byte[] build(ExportTraceServiceRequest.Builder request) {
      byService.forEach(
          (service, scope) ->
              request.addResourceSpans(
                  ResourceSpans.newBuilder()
                      .setResource(
                          Resource.newBuilder().addAttributes(text("service.name", service)))
                      .addScopeSpans(scope)));
      return request.build().toByteArray();
    }
  }

  private static KeyValue text(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static KeyValue number(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }
}
