package io.srespace.scout.spans;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Requests, errors and latencies of one service (or one caller-to-callee edge) in one window. */
public final class SpanStats {
  private long requests;
  private long errors;
  private final LatencySketch latency;
  private String sampleErrorTrace;
  private String sampleSlowTrace;
  private long slowestMicros;

  public SpanStats() {
    this(0, 0, new LatencySketch(), null, null, 0);
  }

  private SpanStats(
      long requests,
      long errors,
      LatencySketch latency,
      String sampleErrorTrace,
      String sampleSlowTrace,
      long slowestMicros) {
    this.requests = requests;
    this.errors = errors;
    this.latency = latency;
    this.sampleErrorTrace = sampleErrorTrace;
    this.sampleSlowTrace = sampleSlowTrace;
    this.slowestMicros = slowestMicros;
  }

  public void record(long micros, boolean error, String traceId) {
    requests++;
    latency.add(micros);
    if (error) {
      errors++;
      if (sampleErrorTrace == null) {
        sampleErrorTrace = traceId;
      }
    }
    if (micros > slowestMicros) {
      slowestMicros = micros;
      sampleSlowTrace = traceId;
    }
  }

  public SpanStats merge(SpanStats other) {
    requests += other.requests;
    errors += other.errors;
    latency.merge(other.latency);
    if (sampleErrorTrace == null) {
      sampleErrorTrace = other.sampleErrorTrace;
    }
    if (other.slowestMicros > slowestMicros) {
      slowestMicros = other.slowestMicros;
      sampleSlowTrace = other.sampleSlowTrace;
    }
    return this;
  }

  public long requests() {
    return requests;
  }

  public long errors() {
    return errors;
  }

  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  /** Latency quantile in milliseconds. */
  public double latencyMillis(double quantile) {
    return latency.quantile(quantile) / 1000.0;
  }

  public String sampleErrorTrace() {
    return sampleErrorTrace;
  }

  public String sampleSlowTrace() {
    return sampleSlowTrace;
  }

  public byte[] toBytes() {
    byte[] sketch = latency.toBytes();
    byte[] errorTrace = text(sampleErrorTrace);
    byte[] slowTrace = text(sampleSlowTrace);
    return ByteBuffer.allocate(
            3 * Long.BYTES + 2 * Short.BYTES + errorTrace.length + slowTrace.length + sketch.length)
        .putLong(requests)
        .putLong(errors)
        .putLong(slowestMicros)
        .putShort((short) errorTrace.length)
        .put(errorTrace)
        .putShort((short) slowTrace.length)
        .put(slowTrace)
        .put(sketch)
        .array();
  }

  public static SpanStats fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long requests = buffer.getLong();
    long errors = buffer.getLong();
    long slowest = buffer.getLong();
    String errorTrace = text(buffer);
    String slowTrace = text(buffer);
    return new SpanStats(
        requests, errors, LatencySketch.fromBytes(buffer), errorTrace, slowTrace, slowest);
  }

  private static byte[] text(String value) {
    return value == null ? new byte[0] : value.getBytes(StandardCharsets.US_ASCII);
  }

  private static String text(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.getShort()];
    buffer.get(bytes);
    return bytes.length == 0 ? null : new String(bytes, StandardCharsets.US_ASCII);
  }
}
