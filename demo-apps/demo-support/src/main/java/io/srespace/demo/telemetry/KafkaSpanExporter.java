package io.srespace.demo.telemetry;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.srespace.demo.kafka.KafkaPublisher;
import io.srespace.events.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;

/**
 * Writes each batch of finished spans to {@code otlp_spans} as one OTLP ExportTraceServiceRequest
 * in protobuf: the bytes an OpenTelemetry Collector's kafka exporter writes with {@code
 * otlp_proto}.
 */
public class KafkaSpanExporter implements SpanExporter {
  private final KafkaPublisher publisher;

  public KafkaSpanExporter(KafkaPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    CompletableResultCode result = new CompletableResultCode();
    byte[] request;
    try {
      request = encode(spans);
    } catch (IOException e) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
    publisher
        .publishRaw(Topics.OTLP_SPANS, request)
        .whenComplete(
            (done, error) -> {
              if (error == null) {
                result.succeed();
              } else {
                result.failExceptionally(error);
              }
            });
    return result;
  }

  static byte[] encode(Collection<SpanData> spans) throws IOException {
    TraceRequestMarshaler marshaler = TraceRequestMarshaler.create(spans);
    ByteArrayOutputStream out = new ByteArrayOutputStream(marshaler.getBinarySerializedSize());
    marshaler.writeBinaryTo(out);
    return out.toByteArray();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
