package io.srespace.brain.traces;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** Picks the trace store adapter a configuration names. */
public final class TraceStores {

  private TraceStores() {}

  /** The adapter for {@code kind} ("jaeger" or "zipkin") reading from {@code base}. */
  public static TraceStore of(String kind, URI base, Duration timeout) {
    String normalized = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
    return switch (normalized) {
      case "jaeger" -> new JaegerTraceStore(base, timeout);
      case "zipkin" -> new ZipkinTraceStore(base, timeout);
      default ->
          throw new IllegalArgumentException(
              "unknown trace store '" + kind + "': expected jaeger or zipkin");
    };
  }
}
