package io.srespace.fixer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.RestartPolicy;
import io.srespace.fixer.runtime.ServiceStatus.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DockerRuntime against the real engine, on containers labelled as Compose labels them. */
class DockerRuntimeTest {

  private static final String SERVICE = "demo-service";

  private ComposeFixture compose;
  private DockerRuntime runtime;

  @BeforeEach
  void connect() {
    compose = ComposeFixture.connect();
    runtime = compose.runtime(compose.project);
  }

  @AfterEach
  void cleanUp() throws Exception {
    runtime.close();
    compose.close();
  }

  @Test
  void reportsARunningContainerAsRunning() {
    compose.start(SERVICE, create -> {});

    ServiceStatus status = runtime.status(SERVICE);

    assertThat(status.state()).isEqualTo(State.RUNNING);
    assertThat(status.detail()).isEqualTo(compose.project + "-demo-service-1: running");
  }

  @Test
  void restartStartsTheContainerAnew() {
    String id = compose.start(SERVICE, create -> {});
    String startedAt = compose.inspect(id).getState().getStartedAt();

    runtime.restart(SERVICE);

    InspectContainerResponse restarted = compose.inspect(id);
    assertThat(restarted.getState().getRunning()).isTrue();
    assertThat(restarted.getState().getStartedAt()).isNotEqualTo(startedAt);
    assertThat(runtime.status(SERVICE).state()).isEqualTo(State.RUNNING);
    // The runtime reports when the container started: the restart, not the first start.
    assertThat(runtime.status(SERVICE).started())
        .contains(Instant.parse(restarted.getState().getStartedAt()));
  }

  @Test
  void limitsChangeTheRunningContainersMemoryAndCpuInPlace() {
    String id = compose.start(SERVICE, create -> {});

    runtime.limit(SERVICE, 96L * 1024 * 1024, 500_000_000L);

    InspectContainerResponse limited = compose.inspect(id);
    assertThat(limited.getHostConfig().getMemory()).isEqualTo(96L * 1024 * 1024);
    assertThat(limited.getHostConfig().getCpuQuota()).isEqualTo(50_000L);
    assertThat(limited.getHostConfig().getCpuPeriod()).isEqualTo(100_000L);
    assertThat(limited.getState().getRunning()).isTrue();
  }

  @Test
  void restartStartsAStoppedContainer() {
    String id = compose.start(SERVICE, create -> {});
    compose.docker.stopContainerCmd(id).exec();
    assertThat(runtime.status(SERVICE).state()).isEqualTo(State.STOPPED);

    runtime.restart(SERVICE);

    assertThat(compose.inspect(id).getState().getRunning()).isTrue();
    assertThat(runtime.status(SERVICE).state()).isEqualTo(State.RUNNING);
  }

  @Test
  void restartOfAContainerThatCrashesAtStartFailsSayingHow() {
    compose.start(SERVICE, create -> create.withEnv("EXIT_AT_START=3"));

    assertThatThrownBy(() -> runtime.restart(SERVICE))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessage(
            "restart of demo-service (container %s-demo-service-1): the container is exited (3)",
            compose.project);
  }

  @Test
  void restartTouchesOnlyTheConfiguredProjectAndNoOneOffContainer() {
    String other = compose.start(compose.project + "-other", SERVICE, "False", create -> {});
    String oneOff = compose.start(compose.project, SERVICE, "True", create -> {});
    compose.start(SERVICE, create -> {});
    String otherStartedAt = compose.inspect(other).getState().getStartedAt();
    String oneOffStartedAt = compose.inspect(oneOff).getState().getStartedAt();

    runtime.restart(SERVICE);

    assertThat(compose.inspect(other).getState().getStartedAt()).isEqualTo(otherStartedAt);
    assertThat(compose.inspect(oneOff).getState().getStartedAt()).isEqualTo(oneOffStartedAt);
  }

  @Test
  void redeployRecreatesTheContainerWithTheEnvironmentChangedAndEverythingElseKept()
      throws Exception {
    String network = compose.network("default");
    String backend = compose.network("backend");
    String oldId =
        compose.start(
            SERVICE,
            create ->
                create
                    .withEnv("POOL_SIZE=4", "REGION=eu")
                    .withExposedPorts(ExposedPort.tcp(8080))
                    .withAliases(SERVICE)
                    .withHostConfig(
                        HostConfig.newHostConfig()
                            .withNetworkMode(network)
                            .withPortBindings(PortBinding.parse("127.0.0.1::8080"))
                            .withRestartPolicy(RestartPolicy.unlessStoppedRestart())));
    compose
        .docker
        .connectToNetworkCmd()
        .withNetworkId(backend)
        .withContainerId(oldId)
        .withContainerNetwork(new ContainerNetwork().withAliases("demo-backend"))
        .exec();
    InspectContainerResponse old = compose.inspect(oldId);

    runtime.redeploy(SERVICE, Map.of("POOL_SIZE", "8", "FEATURE", "on"));

    List<Container> containers = compose.containersOf(SERVICE);
    assertThat(containers).hasSize(1);
    String newId = containers.get(0).getId();
    assertThat(newId).isNotEqualTo(oldId);
    assertThatThrownBy(() -> compose.inspect(oldId)).isInstanceOf(NotFoundException.class);
    InspectContainerResponse replacement = compose.inspect(newId);
    assertThat(replacement.getName()).isEqualTo(old.getName());
    assertThat(replacement.getState().getRunning()).isTrue();
    assertThat(replacement.getConfig().getImage()).isEqualTo(ComposeFixture.IMAGE);
    assertThat(replacement.getConfig().getLabels()).isEqualTo(old.getConfig().getLabels());
    assertThat(replacement.getConfig().getEnv())
        .contains("POOL_SIZE=8", "FEATURE=on", "REGION=eu", "SERVICE_GREETING=hello")
        .doesNotContain("POOL_SIZE=4");
    assertThat(compose.exec(newId, "cat", "/run/service.env"))
        .contains("POOL_SIZE=8", "FEATURE=on", "REGION=eu");
    assertThat(replacement.getConfig().getExposedPorts())
        .isEqualTo(old.getConfig().getExposedPorts());
    assertThat(replacement.getHostConfig().getPortBindings())
        .usingRecursiveComparison()
        .isEqualTo(old.getHostConfig().getPortBindings());
    assertThat(replacement.getHostConfig().getRestartPolicy())
        .isEqualTo(RestartPolicy.unlessStoppedRestart());
    ContainerNetwork endpoint = replacement.getNetworkSettings().getNetworks().get(network);
    assertThat(endpoint).as("attached to %s", network).isNotNull();
    assertThat(endpoint.getAliases()).contains(SERVICE);
    ContainerNetwork second = replacement.getNetworkSettings().getNetworks().get(backend);
    assertThat(second).as("attached to %s", backend).isNotNull();
    assertThat(second.getAliases()).contains("demo-backend");
    assertThat(runtime.status(SERVICE).state()).isEqualTo(State.RUNNING);
  }

  @Test
  void redeployThatCannotStartKeepsTheOldContainerRunning() {
    String oldId = compose.start(SERVICE, create -> {});

    assertThatThrownBy(() -> runtime.redeploy(SERVICE, Map.of("EXIT_AT_START", "3")))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageContaining("redeploy of demo-service")
        .hasMessageContaining("exited (3)")
        .hasMessageContaining("the old container was kept and started");

    assertThat(compose.containersOf(SERVICE)).extracting(Container::getId).containsExactly(oldId);
    assertThat(compose.inspect(oldId).getState().getRunning()).isTrue();
    assertThat(compose.inspect(oldId).getConfig().getEnv()).noneMatch(e -> e.startsWith("EXIT_AT"));
  }

  @Test
  void statusFollowsTheHealthCheck() throws Exception {
    String id =
        compose.start(
            SERVICE,
            create ->
                create.withHealthcheck(
                    new HealthCheck()
                        .withTest(List.of("CMD-SHELL", "test -e /run/ready && test ! -e /run/sick"))
                        .withInterval(Duration.ofMillis(300).toNanos())
                        .withTimeout(Duration.ofSeconds(2).toNanos())
                        .withStartPeriod(Duration.ofMinutes(5).toNanos())
                        .withRetries(1)));
    awaitHealthChecked(id);
    assertThat(runtime.status(SERVICE).state()).isEqualTo(State.STARTING);

    compose.exec(id, "touch", "/run/ready");
    awaitState(State.RUNNING, () -> runtime.status(SERVICE));
    assertThat(runtime.status(SERVICE).detail()).endsWith("running (healthy)");

    compose.exec(id, "touch", "/run/sick");
    awaitState(State.FAILED, () -> runtime.status(SERVICE));
    assertThat(runtime.status(SERVICE).detail()).endsWith("running (unhealthy)");
  }

  @Test
  void statusOfACrashedContainerIsFailed() {
    compose.start(SERVICE, create -> create.withEnv("EXIT_AT_START=3"));

    awaitState(State.FAILED, () -> runtime.status(SERVICE));
    assertThat(runtime.status(SERVICE).detail()).endsWith("exited (3)");
  }

  @Test
  void anUnknownServiceFailsNamingTheLabelsLookedFor() {
    assertThatThrownBy(() -> runtime.restart("no-such-service"))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageContaining("no container of service no-such-service")
        .hasMessageContaining("com.docker.compose.service=no-such-service")
        .hasMessageContaining("com.docker.compose.project=" + compose.project);
    assertThatThrownBy(() -> runtime.redeploy("no-such-service", Map.of("A", "1")))
        .isInstanceOf(RuntimeActionException.class)
        .hasMessageContaining("com.docker.compose.service=no-such-service");
    assertThat(runtime.status("no-such-service").state()).isEqualTo(State.STOPPED);
  }

  /** Until the engine has run the health check at least once (failures in the start period). */
  private void awaitHealthChecked(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (compose.inspect(id).getState().getHealth().getLog().isEmpty()) {
      assertThat(System.nanoTime()).as("health checked within 20 s").isLessThan(deadline);
      sleep();
    }
  }

  private static void awaitState(State expected, Supplier<ServiceStatus> status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    ServiceStatus last = status.get();
    while (last.state() != expected && System.nanoTime() < deadline) {
      sleep();
      last = status.get();
    }
    assertThat(last.state()).as("status %s", last).isEqualTo(expected);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
