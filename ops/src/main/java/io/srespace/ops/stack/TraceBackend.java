package io.srespace.ops.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The local stack's trace backend ({@code SRE_SPACE_TRACES}): Jaeger by default, the collector the
 * demo services send OTLP to, which stores their spans, serves them to Brain and writes them to
 * Kafka for Scout; or Zipkin, which only stores them (the services then write to Kafka themselves).
 */
public enum TraceBackend {
  JAEGER,
  ZIPKIN;

  /** The variable that chooses it. */
  public static final String CHOICE = "SRE_SPACE_TRACES";

  /** The variable naming the Jaeger binary ({@code ./sre-space} builds it and sets it). */
  public static final String JAEGER_BINARY = "SRE_SPACE_JAEGER";

  public static TraceBackend of(Map<String, String> environment) {
    String chosen = environment.getOrDefault(CHOICE, "jaeger").strip().toLowerCase(Locale.ROOT);
    return switch (chosen) {
      case "jaeger", "" -> JAEGER;
      case "zipkin" -> ZIPKIN;
      default ->
          throw new IllegalArgumentException(
              "%s must be jaeger or zipkin, was '%s'".formatted(CHOICE, chosen));
    };
  }

  /** Its part of the stack: its program, log and port name. */
  public String part() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Jaeger binary named in the environment; fails with what to do when there is none. */
  static Path jaegerBinary(Map<String, String> environment) {
    String named = environment.getOrDefault(JAEGER_BINARY, "").strip();
    if (named.isEmpty()) {
      throw new IllegalStateException(
          "%s names no Jaeger binary: ./sre-space up builds one (infra/jaeger/build.sh) and sets it;"
                  .formatted(JAEGER_BINARY)
              + " or run the stack with %s=zipkin".formatted(CHOICE));
    }
    Path binary = Path.of(named);
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "%s=%s is not an executable file: build it with infra/jaeger/build.sh"
              .formatted(JAEGER_BINARY, named));
    }
    return binary;
  }
}
