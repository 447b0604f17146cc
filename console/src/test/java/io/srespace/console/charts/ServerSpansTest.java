package io.srespace.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSpansTest {
  private static final long START =
      Instant.parse("2026-12-05T10:00:00Z").toEpochMilli() * 1_000_000L;

  @Test
  void readsEachServedRequestWithItsDurationAndWhetherItFailed() {
    byte[] export =
        export(
            "policy-service",
            span(Span.SpanKind.SPAN_KIND_SERVER, 12_500_000L, 200, false),
            span(Span.SpanKind.SPAN_KIND_SERVER, 3_000_000L, 503, false),
            span(Span.SpanKind.SPAN_KIND_SERVER, 1_000_000L, 200, true),
            span(Span.SpanKind.SPAN_KIND_CLIENT, 9_000_000L, 500, false));

    assertThat(ServerSpans.read(export))
        .extracting(
            ServerSpans.Request::service, ServerSpans.Request::millis, ServerSpans.Request::failed)
        .containsExactly(
            tuple("policy-service", 12.5, false),
            tuple("policy-service", 3.0, true),
            tuple("policy-service", 1.0, true));
    assertThat(ServerSpans.read(export).get(0).end())
        .isEqualTo(Instant.parse("2026-12-05T10:00:00.0125Z"));
  }

  @Test
  void spansOfNoNamedServiceOrOfAnOverlongNameAreLeftOut() {
    Span served = span(Span.SpanKind.SPAN_KIND_SERVER, 1, 200, false);
    assertThat(ServerSpans.read(export("", served))).isEmpty();
    assertThat(ServerSpans.read(export("s".repeat(ServerSpans.LONGEST_NAME + 1), served)))
        .isEmpty();
    assertThat(ServerSpans.read(export("s".repeat(ServerSpans.LONGEST_NAME), served))).hasSize(1);
  }

  @Test
  void bytesThatAreNoExportFailWithWhatTheyAre() {
    assertThatThrownBy(
            () -> ServerSpans.read("{\"not\":\"protobuf\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an OTLP trace export (18 bytes)");
  }

  private static Span span(Span.SpanKind kind, long nanos, int status, boolean error) {
    return Span.newBuilder()
        .setName("POST /prices")
        .setKind(kind)
        .setStartTimeUnixNano(START)
        .setEndTimeUnixNano(START + nanos)
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("http.response.status_code")
                .setValue(AnyValue.newBuilder().setIntValue(status)))
        .setStatus(
            Status.newBuilder()
                .setCode(
                    error
                        ? Status.StatusCode.STATUS_CODE_ERROR
                        : Status.StatusCode.STATUS_CODE_UNSET))
        .build();
  }

  private static byte[] export(String service, Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            KeyValue.newBuilder()
                                .setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
        .build()
        .toByteArray();
  }
}
