package io.srespace.fixer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.srespace.fixer.runtime.ServiceStatus.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesRuntimeTest {
  private static final String NAMESPACE = "shop";

  KubernetesClient client;
  private KubernetesRuntime runtime;

  @BeforeEach
  void runtimeThatDoesNotWaitForRollouts() {
    runtime = new KubernetesRuntime(client, NAMESPACE, Duration.ZERO);
  }

  @Test
  void restartSetsTheRestartedAtAnnotationAndChangesItEachTime() throws InterruptedException {
    create(deployment("policy-service", 2));

    runtime.restart("policy-service");
    String first = restartedAt("policy-service");
    Thread.sleep(20);
    runtime.restart("policy-service");

    assertThat(first).isNotBlank();
    assertThat(restartedAt("policy-service")).isNotBlank().isNotEqualTo(first);
  }

  @Test
  void redeploySetsTheVariablesOnTheFirstContainerAndKeepsTheOthers() {
    Deployment deployment = deployment("quote-service", 1);
    Container first = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    first.setEnv(
        new ArrayList<>(
            List.of(
                new EnvVar("KEEP", "me", null),
                new EnvVarBuilder()
                    .withName("POOL_SIZE")
                    .withNewValueFrom()
                    .withNewConfigMapKeyRef("pool", "quote-config", false)
                    .endValueFrom()
                    .build())));
    deployment
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .add(new ContainerBuilder().withName("sidecar").withImage("sidecar:1").build());
    create(deployment);

    runtime.redeploy("quote-service", Map.of("POOL_SIZE", "20", "TIMEOUT_MS", "500"));

    Deployment after = get("quote-service");
    assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactlyInAnyOrder(
            tuple("KEEP", "me"), tuple("POOL_SIZE", "20"), tuple("TIMEOUT_MS", "500"));
    assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .allSatisfy(variable -> assertThat(variable.getValueFrom()).isNull());
    assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(1).getEnv())
        .isNullOrEmpty();
  }

  @Test
  void redeployOfADeploymentWithoutAContainerFailsClearly() {
    Deployment empty = deployment("quote-service", 1);
    empty.getSpec().getTemplate().getSpec().setContainers(new ArrayList<>());
    create(empty);

    assertThatThrownBy(() -> runtime.redeploy("quote-service", Map.of("A", "1")))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessage(
            "redeploy of quote-service through %s failed: Deployment quote-service has no container",
            runtime.describe());
  }

  @Test
  void scaleSetsTheReplicas() {
    create(deployment("user-service", 1));

    runtime.scale("user-service", 3);

    assertThat(get("user-service").getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void scaleRefusesANegativeCount() {
    create(deployment("user-service", 1));

    assertThatThrownBy(() -> runtime.scale("user-service", -1))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageEndingWith("failed: replicas must be 0 or more, not -1");
  }

  @Test
  void patchResourcesSetsTheLimitsAndLowersARequestAboveThem() {
    Deployment deployment = deployment("quote-service", 1);
    Container first = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    first.setResources(
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("250m"))
            .addToRequests("memory", new Quantity("512Mi"))
            .addToLimits("cpu", new Quantity("1"))
            .addToLimits("memory", new Quantity("1Gi"))
            .build());
    create(deployment);

    runtime.patchResources("quote-service", null, "256Mi");

    ResourceRequirements resources =
        get("quote-service")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getResources();
    assertThat(resources.getLimits())
        .containsEntry("cpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("256Mi"));
    assertThat(resources.getRequests())
        .containsEntry("cpu", new Quantity("250m"))
        .containsEntry("memory", new Quantity("256Mi"));
  }

  @Test
  void patchResourcesRefusesWhatIsNotAQuantity() {
    create(deployment("quote-service", 1));

    assertThatThrownBy(() -> runtime.patchResources("quote-service", "lots", null))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageEndingWith("failed: 'lots' is not a Kubernetes quantity");
  }

  @Test
  void statusIsReadFromTheReplicas() {
    create(deployment("user-service", 2));
    assertThat(runtime.status("user-service").state()).isEqualTo(State.STARTING);

    setStatus("user-service", 2, 2, 2);
    ServiceStatus running = runtime.status("user-service");
    assertThat(running.state()).isEqualTo(State.RUNNING);
    assertThat(running.detail())
        .isEqualTo("Deployment user-service: 2 desired, 2 ready, 2 available, 2 updated");

    setStatus("user-service", 1, 1, 2);
    assertThat(runtime.status("user-service").state()).isEqualTo(State.STARTING);

    runtime.scale("user-service", 0);
    assertThat(runtime.status("user-service").state()).isEqualTo(State.STOPPED);
  }

  @Test
  void statusIsFailedWhenTheProgressDeadlineIsExceeded() {
    Deployment deployment = deployment("user-service", 1);
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .addNewCondition()
            .withType("Progressing")
            .withStatus("False")
            .withReason("ProgressDeadlineExceeded")
            .withMessage("ReplicaSet \"user-service-7d9\" has timed out progressing.")
            .endCondition()
            .build());

    ServiceStatus status = KubernetesRuntime.status("user-service", deployment);

    assertThat(status.state()).isEqualTo(State.FAILED);
    assertThat(status.detail())
        .endsWith(
            "; ProgressDeadlineExceeded: ReplicaSet \"user-service-7d9\" has timed out progressing.");
  }

  @Test
  void findsTheDeploymentLabelledWithTheServiceName() {
    Deployment labelled = deployment("policy-v2", 1);
    labelled.getMetadata().getLabels().put(KubernetesRuntime.NAME_LABEL, "policy-service");
    create(labelled);

    runtime.scale("policy-service", 4);

    assertThat(get("policy-v2").getSpec().getReplicas()).isEqualTo(4);
    assertThat(runtime.status("policy-service").service()).isEqualTo("policy-service");
  }

  @Test
  void refusesToGuessBetweenTwoLabelledDeployments() {
    for (String name : new String[] {"policy-blue", "policy-green"}) {
      Deployment labelled = deployment(name, 1);
      labelled.getMetadata().getLabels().put(KubernetesRuntime.NAME_LABEL, "policy-service");
      create(labelled);
    }

    assertThatThrownBy(() -> runtime.restart("policy-service"))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageEndingWith(
            "failed: 2 Deployments are labelled app.kubernetes.io/name=policy-service"
                + " (policy-blue, policy-green): name the one to act on");
  }

  @Test
  void unknownDeploymentFailsNamingTheServiceAndTheNamespace() {
    assertThatThrownBy(() -> runtime.restart("policy-service"))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessage(
            "restart of policy-service through %s failed: no Deployment named policy-service or"
                + " labelled app.kubernetes.io/name=policy-service",
            runtime.describe());
    assertThat(runtime.describe()).startsWith("kubernetes namespace shop at ");
    assertThatThrownBy(() -> runtime.status("policy-service"))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageStartingWith("status of policy-service");
  }

  @Test
  void restartWaitsUntilTheRolloutIsDoneAsKubectlDoes() throws Exception {
    create(deployment("policy-service", 2));
    setStatus("policy-service", 2, 2, 2);
    KubernetesRuntime waiting = new KubernetesRuntime(client, NAMESPACE, Duration.ofSeconds(20));
    CompletableFuture<Long> controller =
        CompletableFuture.supplyAsync(() -> playTheDeploymentController("policy-service"));

    waiting.restart("policy-service");
    long returned = System.nanoTime();

    assertThat(returned).isGreaterThanOrEqualTo(controller.get(20, TimeUnit.SECONDS));
    assertThat(waiting.status("policy-service").state()).isEqualTo(State.RUNNING);
  }

  @Test
  void restartFailsWhenTheRolloutDoesNotFinishInTime() {
    create(deployment("policy-service", 2));
    KubernetesRuntime waiting = new KubernetesRuntime(client, NAMESPACE, Duration.ofSeconds(1));

    assertThatThrownBy(() -> waiting.restart("policy-service"))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageEndingWith(
            "failed: the rollout did not finish within PT1S:"
                + " Deployment policy-service: 2 desired, 0 ready, 0 available, 0 updated");
  }

  @Test
  void unreachableApiServerFailsClearly() {
    int port = SupervisorProcess.freePort();
    try (KubernetesClient nowhere =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("https://127.0.0.1:" + port)
                    .withRequestRetryBackoffLimit(0)
                    .withConnectionTimeout(2_000)
                    .build())
            .build()) {
      KubernetesRuntime unreachable = new KubernetesRuntime(nowhere, NAMESPACE, Duration.ZERO);

      assertThatThrownBy(() -> unreachable.restart("policy-service"))
          .isInstanceOf(RuntimeActionException.class)
          .hasMessageStartingWith(
              "restart of policy-service through kubernetes namespace shop at https://127.0.0.1:%d"
                  .formatted(port))
          .hasMessageContaining("failed: cannot reach the API server: ");
    }
  }

  /**
   * Waits for the restart annotation, then reports the new pods available as the Deployment
   * controller would, and returns when it did.
   */
  private long playTheDeploymentController(String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (restartedAt(name) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no restart seen");
      }
      pause(50);
    }
    setStatus(name, 1, 1, 1);
    pause(500);
    long done = System.nanoTime();
    setStatus(name, 2, 2, 2);
    return done;
  }

  private void setStatus(String name, int ready, int available, int updated) {
    Deployment current = get(name);
    current.setStatus(
        new DeploymentStatusBuilder()
            .withReplicas(current.getSpec().getReplicas())
            .withReadyReplicas(ready)
            .withAvailableReplicas(available)
            .withUpdatedReplicas(updated)
            .withObservedGeneration(current.getMetadata().getGeneration())
            .build());
    client.apps().deployments().inNamespace(NAMESPACE).resource(current).updateStatus();
  }

  private String restartedAt(String name) {
    Map<String, String> annotations =
        get(name).getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(KubernetesRuntime.RESTARTED_AT);
  }

  private Deployment get(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  private void create(Deployment deployment) {
    client.apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(name)
        .withImage("srespace/" + name + ":1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
