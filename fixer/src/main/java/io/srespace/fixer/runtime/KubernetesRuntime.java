package io.srespace.fixer.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.srespace.fixer.runtime.ServiceStatus.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Fixer's hands on services that run as Deployments in one Kubernetes namespace: rollout restart, a
 * new environment, scale and resource limits, through the fabric8 client.
 *
 * <p>A service is the Deployment of its name, else the one Deployment labelled {@value #NAME_LABEL}
 * with it. Restart and redeploy wait for the rollout as {@code kubectl rollout status} does, up to
 * the rollout timeout; a zero timeout returns once the API server has the change.
 */
public final class KubernetesRuntime implements ContainerRuntime {
  /** The label that names a Deployment's application when its own name differs. */
  public static final String NAME_LABEL = "app.kubernetes.io/name";

  /** The pod-template annotation a rollout restart sets, as {@code kubectl rollout restart}. */
  public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  private static final Duration POLL = Duration.ofMillis(250);

  private final KubernetesClient client;
  private final String namespace;
  private final Duration rolloutTimeout;

  /**
   * A runtime acting on Deployments in {@code namespace}.
   *
   * @param rolloutTimeout how long restart and redeploy wait for the new pods to be available; zero
   *     does not wait
   */
  public KubernetesRuntime(KubernetesClient client, String namespace, Duration rolloutTimeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.rolloutTimeout = Objects.requireNonNull(rolloutTimeout, "rolloutTimeout");
  }

  /** A rollout restart: new pods replace the old ones as the Deployment's strategy says. */
  @Override
  public void restart(String service) {
    String name = deploymentName("restart", service);
    api("restart", service, () -> deployment(name).rolling().restart());
    awaitRollout("restart", service, name);
  }

  /** Sets these variables on the first container (others kept), which rolls out new pods. */
  @Override
  public void redeploy(String service, Map<String, String> environment) {
    String name = deploymentName("redeploy", service);
    editFirstContainer(
        "redeploy", service, name, container -> setEnvironment(container, environment));
    awaitRollout("redeploy", service, name);
  }

  /** A Deployment's pods run on the cluster's nodes, not as processes of this host. */
  @Override
  public OptionalLong hostPid(String service) {
    return OptionalLong.empty();
  }

  @Override
  public ServiceStatus status(String service) {
    String name = deploymentName("status", service);
    Deployment deployment = api("status", service, () -> deployment(name).get());
    if (deployment == null) {
      throw failure("status", service, "Deployment %s is gone".formatted(name));
    }
    return status(service, deployment);
  }

  /** Sets the Deployment's replica count; returns once the API server has it. */
  public void scale(String service, int replicas) {
    if (replicas < 0) {
      throw failure("scale", service, "replicas must be 0 or more, not " + replicas);
    }
    String name = deploymentName("scale", service);
    api("scale", service, () -> deployment(name).scale(replicas));
  }

  /**
   * Sets the first container's CPU and memory limits (a null one is kept), lowering a request above
   * its new limit to it, and waits for the rollout like {@link #restart}.
   *
   * @param cpuLimit a Kubernetes quantity such as {@code 500m}, or null
   * @param memoryLimit a Kubernetes quantity such as {@code 256Mi}, or null
   */
  public void patchResources(String service, String cpuLimit, String memoryLimit) {
    Map<String, Quantity> limits = new LinkedHashMap<>();
    quantity("patch resources", service, cpuLimit).ifPresent(q -> limits.put("cpu", q));
    quantity("patch resources", service, memoryLimit).ifPresent(q -> limits.put("memory", q));
    if (limits.isEmpty()) {
      throw failure("patch resources", service, "neither a CPU nor a memory limit was given");
    }
    String name = deploymentName("patch resources", service);
    editFirstContainer("patch resources", service, name, container -> setLimits(container, limits));
    awaitRollout("patch resources", service, name);
  }

  @Override
  public String describe() {
    return "kubernetes namespace %s at %s".formatted(namespace, client.getMasterUrl());
  }

  static ServiceStatus status(String service, Deployment deployment) {
    int desired = desiredReplicas(deployment);
    DeploymentStatus status =
        Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
    int ready = orZero(status.getReadyReplicas());
    String detail =
        "Deployment %s: %d desired, %d ready, %d available, %d updated"
            .formatted(
                deployment.getMetadata().getName(),
                desired,
                ready,
                orZero(status.getAvailableReplicas()),
                orZero(status.getUpdatedReplicas()));
    Optional<String> failed = gaveUp(status);
    State state;
    if (failed.isPresent()) {
      state = State.FAILED;
      detail += "; " + failed.get();
    } else if (desired == 0) {
      state = State.STOPPED;
    } else if (ready >= desired) {
      state = State.RUNNING;
    } else {
      state = State.STARTING;
    }
    return new ServiceStatus(service, state, detail);
  }

  /** Why the Deployment's controller gave up: a progress deadline or a replica failure. */
  private static Optional<String> gaveUp(DeploymentStatus status) {
    for (DeploymentCondition condition :
        Optional.ofNullable(status.getConditions()).orElse(List.of())) {
      boolean deadline =
          "Progressing".equals(condition.getType())
              && "ProgressDeadlineExceeded".equals(condition.getReason());
      boolean replicaFailure =
          "ReplicaFailure".equals(condition.getType()) && "True".equals(condition.getStatus());
      if (deadline || replicaFailure) {
        return Optional.of(condition.getReason() + ": " + condition.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the rollout is complete, as {@code kubectl rollout status} decides: the controller saw
   * the latest spec, every replica is updated and available, and no old one is left.
   */
  static boolean rolledOut(Deployment deployment) {
    DeploymentStatus status = deployment.getStatus();
    if (status == null) {
      return false;
    }
    long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
    long observed = Optional.ofNullable(status.getObservedGeneration()).orElse(0L);
    int updated = orZero(status.getUpdatedReplicas());
    return generation <= observed
        && updated >= desiredReplicas(deployment)
        && orZero(status.getReplicas()) <= updated
        && orZero(status.getAvailableReplicas()) >= updated;
  }

  private void awaitRollout(String action, String service, String name) {
    if (rolloutTimeout.isZero()) {
      return;
    }
    long deadline = System.nanoTime() + rolloutTimeout.toNanos();
    while (true) {
      Deployment deployment = api(action, service, () -> deployment(name).get());
      if (deployment == null) {
        throw failure(
            action, service, "Deployment %s disappeared during the rollout".formatted(name));
      }
      if (rolledOut(deployment)) {
        return;
      }
      ServiceStatus now = status(service, deployment);
      if (now.state() == State.FAILED || System.nanoTime() > deadline) {
        throw failure(
            action,
            service,
            "the rollout did not finish within %s: %s".formatted(rolloutTimeout, now.detail()));
      }
      sleep(action, service);
    }
  }

  private void editFirstContainer(
      String action, String service, String name, UnaryOperator<Container> change) {
    api(
        action,
        service,
        () ->
            deployment(name)
                .edit(
                    deployment -> {
                      List<Container> containers =
                          deployment.getSpec().getTemplate().getSpec().getContainers();
                      if (containers == null || containers.isEmpty()) {
                        throw failure(
                            action, service, "Deployment %s has no container".formatted(name));
                      }
                      containers.set(0, change.apply(containers.get(0)));
                      return deployment;
                    }));
  }

  private static Container setEnvironment(Container container, Map<String, String> environment) {
    List<EnvVar> variables =
        new ArrayList<>(Optional.ofNullable(container.getEnv()).orElse(List.of()));
    environment.forEach(
        (key, value) -> {
          EnvVar variable = new EnvVar(key, value, null);
          variables.removeIf(existing -> existing.getName().equals(key));
          variables.add(variable);
        });
    container.setEnv(variables);
    return container;
  }

  private static Container setLimits(Container container, Map<String, Quantity> limits) {
    ResourceRequirements resources =
        Optional.ofNullable(container.getResources()).orElseGet(ResourceRequirements::new);
    Map<String, Quantity> newLimits =
        new LinkedHashMap<>(Optional.ofNullable(resources.getLimits()).orElse(Map.of()));
    Map<String, Quantity> requests =
        new LinkedHashMap<>(Optional.ofNullable(resources.getRequests()).orElse(Map.of()));
    limits.forEach(
        (resource, limit) -> {
          newLimits.put(resource, limit);
          Quantity request = requests.get(resource);
          if (request != null && request.compareTo(limit) > 0) {
            requests.put(resource, limit);
          }
        });
    resources.setLimits(newLimits);
    resources.setRequests(requests.isEmpty() ? null : requests);
    container.setResources(resources);
    return container;
  }

  private Optional<Quantity> quantity(String action, String service, String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      Quantity quantity = Quantity.parse(value);
      Quantity.getAmountInBytes(quantity);
      return Optional.of(quantity);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw failure(action, service, "'%s' is not a Kubernetes quantity".formatted(value));
    }
  }

  /** The name of the service's Deployment: its own, else the one labelled with it. */
  private String deploymentName(String action, String service) {
    if (api(action, service, () -> deployment(service).get()) != null) {
      return service;
    }
    List<String> labelled =
        api(
                action,
                service,
                () ->
                    client
                        .apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withLabel(NAME_LABEL, service)
                        .list())
            .getItems()
            .stream()
            .map(deployment -> deployment.getMetadata().getName())
            .sorted()
            .toList();
    if (labelled.size() == 1) {
      return labelled.get(0);
    }
    throw failure(
        action,
        service,
        labelled.isEmpty()
            ? "no Deployment named %s or labelled %s=%s".formatted(service, NAME_LABEL, service)
            : "%d Deployments are labelled %s=%s (%s): name the one to act on"
                .formatted(labelled.size(), NAME_LABEL, service, String.join(", ", labelled)));
  }

  private RollableScalableResource<Deployment> deployment(String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name);
  }

  private <T> T api(String action, String service, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      String answer =
          e.getCode() > 0
              ? "the API server answered %d: %s".formatted(e.getCode(), e.getMessage())
              : "cannot reach the API server: " + e.getMessage();
      throw failure(action, service, answer, e);
    }
  }

  private void sleep(String action, String service) {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(action, service, "interrupted while waiting for the rollout", e);
    }
  }

  private static int desiredReplicas(Deployment deployment) {
    Integer replicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private RuntimeActionException failure(String action, String service, String reason) {
    return failure(action, service, reason, null);
  }

  private RuntimeActionException failure(
      String action, String service, String reason, Throwable cause) {
    return new RuntimeActionException(
        "%s of %s through %s failed: %s".formatted(action, service, describe(), reason), cause);
  }
}
