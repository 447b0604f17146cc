package io.srespace.brain.traces;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Spans in Zipkin's v2 JSON, as a test posts them to a real Zipkin server. */
public final class ZipkinJson {
  private ZipkinJson() {}

  /** One span; {@code parent} is null for a root; times in microseconds. */
  public static Map<String, Object> span(
      String traceId,
      String id,
      String parent,
      String service,
      String name,
      String kind,
      long timestampMicros,
      long durationMicros) {
    Map<String, Object> span = new LinkedHashMap<>();
    span.put("traceId", traceId);
    span.put("id", id);
    if (parent != null) {
      span.put("parentId", parent);
    }
    span.put("name", name);
    span.put("kind", kind);
    span.put("timestamp", timestampMicros);
    span.put("duration", durationMicros);
    span.put("localEndpoint", Map.of("serviceName", service));
    return span;
  }

  /** A random id of {@code bytes} bytes in lower hex, never all zeros. */
  public static String id(int bytes) {
    byte[] b = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(b);
    b[0] |= 1;
    return HexFormat.of().formatHex(b);
  }

  public static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}
