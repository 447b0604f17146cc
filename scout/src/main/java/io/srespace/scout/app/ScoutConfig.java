package io.srespace.scout.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.srespace.board.BoardSettings;
import java.time.Duration;

/** Scout's settings; every one has a default that runs the local demo. */
@ConfigMapping(prefix = "scout")
public interface ScoutConfig {
  /** Length of the span and journey windows detectors judge. */
  @WithDefault("5s")
  Duration window();

  /** How long a window waits for late records before it closes. */
  @WithDefault("1s")
  Duration grace();

  /** Fewest quotes in a window for conversion to be judged. */
  @WithDefault("30")
  long minQuotes();

  /** How soon heap exhaustion must be predicted for a memory anomaly. */
  @WithDefault("300s")
  Duration heapHorizon();

  /** How long a service may send no metrics before it is reported as no data. */
  @WithDefault("15s")
  Duration silence();

  /** How close in time an anomaly must be to an incident's last one to join it. */
  @WithDefault("60s")
  Duration joinWindow();

  /**
   * How long a new incident gathers the rest of its window's anomalies before its issue is opened
   * and it is announced with all of them.
   */
  @WithDefault("250ms")
  Duration gather();

  /**
   * How long after a recorded deployment of a service its restart explains anomalies on it and on
   * its callers' calls to it (no incident opens for them); what lasts longer is found then.
   */
  @WithDefault("20s")
  Duration deployGrace();

  /** How long every signal of an incident must be normal before its symptoms are cleared. */
  @WithDefault("30s")
  Duration quietPeriod();

  /** Whether the services' liveness URLs are probed. */
  @WithDefault("true")
  boolean probes();

  /** How often every service is probed. */
  @WithDefault("1s")
  Duration probeInterval();

  /** How long a liveness probe may take. */
  @WithDefault("800ms")
  Duration probeTimeout();

  /** Failed probes in a row that make a health anomaly. */
  @WithDefault("3")
  int probeFailures();

  /** The service topology file shared with Brain and Fixer. */
  @WithDefault("infra/topology.yaml")
  String topology();

  /** Where incidents are kept: GitHub issues, or the local board. */
  BoardSettings board();
}
