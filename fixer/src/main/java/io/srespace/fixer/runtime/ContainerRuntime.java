package io.srespace.fixer.runtime;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Where Fixer acts on a service: a process manager, a container engine or a cluster. Every method
 * names the service as the knowledge graph does; adapters map it to their own units.
 */
public interface ContainerRuntime {

  /**
   * Restarts the service and returns once the runtime reports it running again (not yet healthy:
   * Fixer verifies that itself).
   *
   * @throws RuntimeActionException when the runtime refuses or fails
   */
  void restart(String service);

  /**
   * Redeploys the service with these environment variables set (the others kept), the way a
   * configuration change reaches it, and returns once the runtime reports it running again.
   *
   * @throws RuntimeActionException when the runtime refuses or fails
   */
  void redeploy(String service, Map<String, String> environment);

  /** What the runtime says of the service now. */
  ServiceStatus status(String service);

  /**
   * The id, on this host, of the process the service runs as (its first container's), where the
   * runtime runs it here; empty for a cluster's pods or when it does not run. Fixer reads the
   * process's cgroup through it before a restart.
   */
  OptionalLong hostPid(String service);

  /** What the runtime is, for logs and health: "supervisor at http://127.0.0.1:9001". */
  String describe();
}
