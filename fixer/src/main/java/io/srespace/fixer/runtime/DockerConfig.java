package io.srespace.fixer.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the Docker engine answers and which Compose project's containers Fixer may touch. */
@ConfigMapping(prefix = "fixer.docker")
public interface DockerConfig {

  /** The engine's address: a unix socket or tcp://host:port. */
  @WithDefault("unix:///var/run/docker.sock")
  String host();

  /** The Compose project whose services are acted on; every project when absent. */
  Optional<String> project();

  /** How long a container may take to stop before the engine kills it. */
  @WithDefault("10s")
  Duration stopTimeout();

  /** How long a restarted or recreated container may take to be running again. */
  @WithDefault("60s")
  Duration readyTimeout();

  /** How long it must then keep running for the action to count: a crash at start is caught. */
  @WithDefault("1s")
  Duration settleTime();
}
