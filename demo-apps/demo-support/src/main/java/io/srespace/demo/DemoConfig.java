package io.srespace.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings every demo service shares; defaults live in this jar's microprofile-config.properties.
 */
@ConfigMapping(prefix = "demo")
public interface DemoConfig {
  /** Token the fault admin endpoint requires; while unset the endpoint refuses every call. */
  Optional<String> adminToken();

  /** The release this process runs (RELEASE); it must be in {@link #releases()}. */
  String release();

  /**
   * The service's release catalogue: each version and its regressions ({@code none}, or a comma
   * list of {@code slower}, {@code fails-on-path}, {@code wrong-rule}).
   */
  Map<String, String> releases();

  /** Where traces go besides Kafka. */
  Traces traces();

  /** Resource metrics published to otlp_metrics. */
  Metrics metrics();

  interface Traces {
    /** The trace backend: none, zipkin, or jaeger (OTLP over HTTP, which Jaeger accepts). */
    @WithDefault("none")
    String backend();

    /** Zipkin's span intake, e.g. http://127.0.0.1:9411/api/v2/spans. */
    Optional<String> zipkinEndpoint();

    /** An OTLP/HTTP traces endpoint, e.g. Jaeger's http://jaeger:4318/v1/traces. */
    Optional<String> otlpEndpoint();

    /** Whether spans are also published to otlp_spans as OTLP protobuf. */
    @WithDefault("true")
    boolean kafka();

    /** Longest a batch of spans waits before it is exported. */
    @WithDefault("1s")
    Duration exportDelay();
  }

  interface Metrics {
    /** Whether resource metrics are published to otlp_metrics. */
    @WithDefault("true")
    boolean enabled();

    /** How often they are published. */
    @WithDefault("5s")
    Duration interval();
  }
}
