package io.srespace.fixer.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.srespace.board.BoardSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Fixer's settings; every one has a default that runs the local demo. */
@ConfigMapping(prefix = "fixer")
public interface FixerConfig {
  /** The knowledge graph: allowed remediations, approvals, health URLs, configuration files. */
  @WithDefault("infra/topology.yaml")
  String topology();

  /** Say what would be done, do nothing. */
  @WithDefault("false")
  boolean dryRun();

  /** Stops every action when true (also FIXER_KILL_SWITCH). */
  @WithDefault("false")
  boolean killSwitch();

  /** Stops every action while this file exists. */
  @WithDefault(".sre-space/fixer.stop")
  String killSwitchFile();

  /** The oldest diagnosis Fixer acts on: an older one is refused as stale or replayed. */
  @WithDefault("2m")
  Duration diagnosisMaxAge();

  /** How long a diagnosis waits for Scout's word that its incident is open. */
  @WithDefault("10s")
  Duration incidentWait();

  /** How long recovery may take to be proven after an action. */
  @WithDefault("180s")
  Duration verifyDeadline();

  /** How long a high-risk action waits for a human. */
  @WithDefault("10m")
  Duration approvalTimeout();

  /** Who may approve or deny a high-risk action on the issue. */
  Optional<List<String>> approvers();

  /**
   * The folder of the approvers' public keys ({@code <name>.pub}): on the local board an answer
   * must be signed with one of them.
   */
  Optional<String> approverKeys();

  /** Actions in flight at once, across services. */
  @WithDefault("4")
  int workers();

  Limits limits();

  Runtime runtime();

  Gitops gitops();

  BoardSettings board();

  /** The guardrails' limits. */
  interface Limits {
    @WithDefault("3")
    int perService();

    @WithDefault("10m")
    Duration perServiceWindow();

    @WithDefault("10")
    int global();

    @WithDefault("10m")
    Duration globalWindow();

    /** Failed actions in a row on one service that open its circuit breaker. */
    @WithDefault("3")
    int breakerFailures();

    @WithDefault("15m")
    Duration breakerCooldown();
  }

  /** Where services run (Docker's own settings are under {@code fixer.docker}). */
  interface Runtime {
    /** supervisor, docker or kubernetes. */
    @WithDefault("supervisor")
    String kind();

    /** supervisord's XML-RPC endpoint. */
    @WithDefault("http://127.0.0.1:9001")
    String supervisorUrl();

    Optional<String> supervisorUser();

    Optional<String> supervisorPassword();

    /** Where a redeploy writes each service's environment file for its program to read. */
    @WithDefault(".sre-space/env")
    String environmentFolder();

    @WithDefault("default")
    String namespace();

    @WithDefault("30s")
    Duration timeout();
  }

  /** The configuration repository. */
  interface Gitops {
    /** The local repository, seeded from {@link #seed()} (when GitHub is not configured). */
    @WithDefault(".sre-space/gitops.git")
    String repository();

    @WithDefault("infra/gitops")
    String seed();
  }
}
