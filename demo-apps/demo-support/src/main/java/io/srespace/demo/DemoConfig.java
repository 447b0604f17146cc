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
    /**
     * The collector's OTLP/HTTP traces endpoint, e.g. Jaeger's http://jaeger:4318/v1/traces: it
     * writes the spans to Kafka's otlp_spans, which Scout reads. None: spans are not exported
     * there.
     */
    Optional<String> otlpEndpoint();

    /**
     * A Zipkin server's span intake (http://127.0.0.1:9411/api/v2/spans), when Brain reads Zipkin.
     */
    Optional<String> zipkinEndpoint();

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
