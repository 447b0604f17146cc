package io.srespace.brain.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.srespace.board.BoardSettings;
import java.time.Duration;
import java.util.Optional;

/** Brain's settings; every one has a default that runs the local demo. */
@ConfigMapping(prefix = "brain")
public interface BrainConfig {
  /** The knowledge graph: services, dependencies, owners, runbooks and allowed remediations. */
  @WithDefault("infra/topology.yaml")
  String topology();

  /** The folder of the services' deployed configuration files (the GitOps repository's seed). */
  @WithDefault("infra/gitops")
  String gitops();

  /** Which seconds before the first anomaly's window still belong to the incident's window. */
  @WithDefault("30s")
  Duration lookBefore();

  /**
   * How long before an incident's first anomaly a recorded deployment of a suspect is still taken
   * as its likely cause (then a revert of it is proposed).
   */
  @WithDefault("10m")
  Duration changeWindow();

  /** How long a baseline is compared against the incident's window. */
  @WithDefault("5m")
  Duration baseline();

  /**
   * The gap between the baseline's end and the incident's window, so the fault's start stays out.
   */
  @WithDefault("60s")
  Duration baselineGap();

  /**
   * How long after a symptom began (the start of the incident's first anomalous window) a restart
   * chosen for that symptom alone (latency, errors) waits for evidence of its cause before it is
   * published; 0 publishes at once. A pool run dry is reported with the first resource report after
   * it (every 5 s), judged and correlated within 2 s, and the symptom's window may have begun up to
   * 5 s before the fault: 12 s. A cause found meanwhile is published at once.
   */
  @WithDefault("12s")
  Duration symptomHold();

  /** Below this confidence Brain escalates instead of proposing an action. */
  @WithDefault("0.3")
  double minConfidence();

  /** How far back an investigation reads traces; the minutes before that are its baseline. */
  @WithDefault("5m")
  Duration investigationWindow();

  Traces traces();

  Memory memory();

  BoardSettings board();

  Llm llm();

  /** Where traces are read. */
  interface Traces {
    /** zipkin, jaeger, or none (rank on Scout's evidence only). */
    @WithDefault("zipkin")
    String kind();

    /** The trace backend's query API. */
    @WithDefault("http://127.0.0.1:9411")
    String url();

    /** How long one query may take. */
    @WithDefault("2s")
    Duration timeout();

    /** Most traces read per service and period. */
    @WithDefault("200")
    int perService();
  }

  /** The Memory service, asked for similar past incidents. */
  interface Memory {
    /** Whether past incidents are recalled at all. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("http://127.0.0.1:8093")
    String url();

    /** Memory's API key ({@code MEMORY_API_KEY}); without one Memory answers 401. */
    Optional<String> apiKey();

    /** How long a recall may take before Brain goes on without it. */
    @WithDefault("1s")
    Duration timeout();

    /** Past incidents recalled per diagnosis. */
    @WithDefault("5")
    int k();

    /** A verified past fix is reused when its incident is at most this far (cosine distance). */
    @WithDefault("0.15")
    double reuseDistance();
  }

  /** The optional language model; off unless enabled with a base URL. */
  interface Llm {
    @WithDefault("false")
    boolean enabled();

    /** Any OpenAI-compatible API. */
    Optional<String> baseUrl();

    Optional<String> apiKey();

    @WithDefault("gpt-4o-mini")
    String model();

    /** How long the model may take before the deterministic result stands. */
    @WithDefault("20s")
    Duration timeout();

    /** Most tokens (prompt and answer, estimated) spent on one incident. */
    @WithDefault("4000")
    int tokenBudget();
  }
}
