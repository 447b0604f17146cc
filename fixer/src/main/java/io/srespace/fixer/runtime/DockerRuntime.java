package io.srespace.fixer.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.srespace.fixer.runtime.ServiceStatus.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Fixer's hands on a Compose deployment: finds a service's containers by Compose's labels (never by
 * name: Compose v1 and v2 name them differently) and restarts or recreates them through the Docker
 * API.
 */
public final class DockerRuntime implements ContainerRuntime, AutoCloseable {

  static final String SERVICE_LABEL = "com.docker.compose.service";
  static final String PROJECT_LABEL = "com.docker.compose.project";
  static final String ONE_OFF_LABEL = "com.docker.compose.oneoff";

  private static final Logger LOG = Logger.getLogger(DockerRuntime.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final DockerConfig config;
  private final DockerClient docker;

  public DockerRuntime(DockerConfig config) {
    this.config = config;
    DockerClientConfig client =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(config.host())
            .build();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(client.getDockerHost())
            .sslConfig(client.getSSLConfig())
            .connectionTimeout(CONNECT_TIMEOUT)
            .responseTimeout(config.stopTimeout().plus(Duration.ofSeconds(60)))
            .build();
    this.docker = DockerClientImpl.getInstance(client, http);
  }

  @Override
  public void restart(String service) {
    for (Container container : containersOf(service)) {
      String action = "restart of %s (container %s)".formatted(service, name(container));
      long started = System.nanoTime();
      call(
          action,
          () -> docker.restartContainerCmd(container.getId()).withTimeout(stopSeconds()).exec());
      awaitRunning(action, container.getId());
      LOG.infof("%s done in %d ms", action, (System.nanoTime() - started) / 1_000_000);
    }
  }

  @Override
  public void redeploy(String service, Map<String, String> environment) {
    for (Container container : containersOf(service)) {
      long started = System.nanoTime();
      String replacement = replace(service, container.getId(), environment);
      LOG.infof(
          "redeploy of %s with %s: container %s recreated as %s in %d ms",
          service,
          environment.keySet(),
          name(container),
          replacement,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  /**
   * Changes the memory limit (bytes) and CPU limit (nano-CPUs, 1e9 = one CPU) of the service's
   * running containers in place, as {@code docker update} does; a null leaves that limit as it is.
   */
  public void limit(String service, Long memoryBytes, Long nanoCpus) {
    for (Container container : containersOf(service)) {
      String action = "limits of %s (container %s)".formatted(service, name(container));
      call(
          action,
          () -> {
            var update = docker.updateContainerCmd(container.getId());
            if (memoryBytes != null) {
              update.withMemory(memoryBytes).withMemorySwap(memoryBytes);
            }
            if (nanoCpus != null) {
              update.withCpuPeriod(100_000L).withCpuQuota(nanoCpus / 10_000);
            }
            return update.exec();
          });
      LOG.infof("%s set: memory %s bytes, %s nano-CPUs", action, memoryBytes, nanoCpus);
    }
  }

  @Override
  public ServiceStatus status(String service) {
    List<Container> containers;
    try {
      containers = list(service);
    } catch (RuntimeActionException e) {
      return new ServiceStatus(service, State.UNKNOWN, e.getMessage());
    }
    if (containers.isEmpty()) {
      return new ServiceStatus(
          service, State.STOPPED, "no container labelled " + labelList(labels(service)));
    }
    List<State> states = new ArrayList<>();
    List<String> details = new ArrayList<>();
    Instant earliestStart = null;
    boolean startUnknown = false;
    for (Container container : containers) {
      ContainerState state = stateOf(container.getId());
      states.add(ContainerStates.of(state));
      details.add(name(container) + ": " + ContainerStates.describe(state));
      Instant started = startedAt(state);
      if (started == null) {
        startUnknown = true;
      } else if (earliestStart == null || started.isBefore(earliestStart)) {
        earliestStart = started;
      }
    }
    // The service (re)started when its first container did; unknown if any container's is.
    return new ServiceStatus(
        service,
        ContainerStates.worst(states),
        String.join("; ", details),
        startUnknown ? null : earliestStart);
  }

  @Override
  public OptionalLong hostPid(String service) {
    try {
      for (Container container : list(service)) {
        ContainerState state = stateOf(container.getId());
        Long pid = state == null ? null : state.getPidLong();
        if (pid != null && pid > 0) {
          return OptionalLong.of(pid);
        }
      }
    } catch (RuntimeActionException unknown) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /** When a container last started, if Docker says (it answers 0001-01-01 for never). */
  private static Instant startedAt(ContainerState state) {
    try {
      Instant at = Instant.parse(state.getStartedAt());
      return at.isAfter(Instant.EPOCH) ? at : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  @Override
  public String describe() {
    return "docker at %s, %s"
        .formatted(
            config.host(),
            config.project().map(p -> "compose project " + p).orElse("every compose project"));
  }

  @Override
  public void close() {
    try {
      docker.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the Docker client for " + config.host(), e);
    }
  }

  /**
   * Recreates one container with the environment changed and returns the new one's short id. The
   * old container is only stopped until the new one runs, so a replacement that fails to start
   * leaves the service as it was.
   */
  private String replace(String service, String oldId, Map<String, String> environment) {
    InspectContainerResponse old = call("inspect of " + oldId, () -> inspect(oldId));
    String name = old.getName().replaceFirst("^/", "");
    String action = "redeploy of %s (container %s)".formatted(service, name);
    String temporaryName = name + "-redeploy-" + System.currentTimeMillis();
    String newId =
        call(
            action + ": creating its replacement",
            () -> ContainerReplacement.create(docker, old, environment, temporaryName));
    boolean wasRunning = Boolean.TRUE.equals(old.getState().getRunning());
    try {
      stop(action, oldId);
      call(action + ": starting " + temporaryName, () -> docker.startContainerCmd(newId).exec());
      awaitRunning(action, newId);
    } catch (RuntimeActionException e) {
      throw rollBack(e, newId, oldId, wasRunning);
    }
    call(action + ": removing the old container", () -> docker.removeContainerCmd(oldId).exec());
    call(
        action + ": renaming " + temporaryName,
        () -> docker.renameContainerCmd(newId).withName(name).exec());
    return newId.substring(0, 12);
  }

  private RuntimeActionException rollBack(
      RuntimeActionException failure, String newId, String oldId, boolean restart) {
    try {
      docker.removeContainerCmd(newId).withForce(true).exec();
      if (restart) {
        docker.startContainerCmd(oldId).exec();
      }
      return new RuntimeActionException(
          failure.getMessage() + "; the old container was kept" + (restart ? " and started" : ""),
          failure);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return new RuntimeActionException(
          failure.getMessage() + "; rolling back failed too: " + e.getMessage(), failure);
    }
  }

  private void stop(String action, String id) {
    try {
      call(
          action + ": stopping the old container",
          () -> docker.stopContainerCmd(id).withTimeout(stopSeconds()).exec());
    } catch (RuntimeActionException e) {
      if (!(e.getCause() instanceof NotModifiedException)) {
        throw e;
      }
    }
  }

  /**
   * Waits until the engine says the container runs and has kept running for the settle time; fails
   * at once if it exited for good.
   */
  private void awaitRunning(String action, String id) {
    long deadline = System.nanoTime() + config.readyTimeout().toNanos();
    String runningStart = null;
    long runningSince = 0;
    while (true) {
      InspectContainerResponse container = call(action, () -> inspect(id));
      ContainerState state = container.getState();
      if (Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getRestarting())) {
        if (!state.getStartedAt().equals(runningStart)) {
          runningStart = state.getStartedAt();
          runningSince = System.nanoTime();
        } else if (System.nanoTime() - runningSince >= config.settleTime().toNanos()) {
          return;
        }
      } else if (exitedForGood(container)) {
        throw new RuntimeActionException(
            "%s: the container is %s".formatted(action, ContainerStates.describe(state)));
      } else {
        runningStart = null;
      }
      if (System.nanoTime() > deadline) {
        throw new RuntimeActionException(
            "%s: the container is not running steadily after %s: %s"
                .formatted(action, config.readyTimeout(), ContainerStates.describe(state)));
      }
      sleep(action);
    }
  }

  private static boolean exitedForGood(InspectContainerResponse container) {
    String status = container.getState().getStatus();
    RestartPolicy policy = container.getHostConfig().getRestartPolicy();
    String policyName = policy == null ? null : policy.getName();
    boolean noRestart = policyName == null || policyName.isEmpty() || "no".equals(policyName);
    return "dead".equals(status) || ("exited".equals(status) && noRestart);
  }

  private ContainerState stateOf(String id) {
    try {
      return call("inspect of " + id, () -> inspect(id)).getState();
    } catch (RuntimeActionException e) {
      return null;
    }
  }

  private InspectContainerResponse inspect(String id) {
    return docker.inspectContainerCmd(id).exec();
  }

  private List<Container> containersOf(String service) {
    List<Container> containers = list(service);
    if (containers.isEmpty()) {
      throw new RuntimeActionException(
          "no container of service %s: none is labelled %s at %s"
              .formatted(service, labelList(labels(service)), config.host()));
    }
    return containers;
  }

  /** The service's containers, stopped ones too, less Compose's one-off `run` containers. */
  private List<Container> list(String service) {
    Map<String, String> labels = labels(service);
    return call(
            "listing the containers of " + service,
            () -> docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec())
        .stream()
        .filter(c -> c.getLabels() == null || !"True".equals(c.getLabels().get(ONE_OFF_LABEL)))
        .sorted(Comparator.comparing(DockerRuntime::name))
        .toList();
  }

  private Map<String, String> labels(String service) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(SERVICE_LABEL, service);
    config.project().ifPresent(project -> labels.put(PROJECT_LABEL, project));
    return labels;
  }

  /** Runs one request, turning the engine's refusals and its silence into a clear failure. */
  private <T> T call(String action, Supplier<T> request) {
    try {
      return request.get();
    } catch (RuntimeActionException e) {
      throw e;
    } catch (DockerException e) {
      throw new RuntimeActionException(
          "%s failed: the engine answered %s".formatted(action, e.getMessage().strip()), e);
    } catch (RuntimeException e) {
      if (hasCause(e, IOException.class)) {
        throw new RuntimeActionException(
            "%s failed: no Docker engine answers at %s (%s)"
                .formatted(action, config.host(), rootCause(e)),
            e);
      }
      throw new RuntimeActionException("%s failed: %s".formatted(action, rootCause(e)), e);
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private int stopSeconds() {
    return (int) Math.max(0, config.stopTimeout().toSeconds());
  }

  private static String name(Container container) {
    String[] names = container.getNames();
    return names == null || names.length == 0
        ? container.getId().substring(0, 12)
        : names[0].replaceFirst("^/", "");
  }

  private static void sleep(String action) {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeActionException(action + ": interrupted while waiting", e);
    }
  }

  private static String labelList(Map<String, String> labels) {
    return labels.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
