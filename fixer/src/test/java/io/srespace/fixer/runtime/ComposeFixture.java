package io.srespace.fixer.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Containers labelled as Compose labels them, made straight through the engine for a test, and
 * every one of them (replacements included, they keep the labels) removed when the test ends.
 */
final class ComposeFixture implements AutoCloseable {

  static final String IMAGE = "sre-space/tiny:1";
  static final String HOST =
      System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
  private static final String RUN_LABEL = "io.srespace.test-run";

  final String project = "sre-space-test-" + UUID.randomUUID().toString().substring(0, 8);
  final DockerClient docker;
  private final List<String> networks = new ArrayList<>();

  private ComposeFixture(DockerClient docker) {
    this.docker = docker;
  }

  /** Connects to the engine, or fails the test saying how to get one: these tests never skip. */
  static ComposeFixture connect() {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(HOST).build();
    DockerClient docker =
        DockerClientImpl.getInstance(
            config,
            new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build());
    try {
      docker.pingCmd().exec();
    } catch (RuntimeException e) {
      fail(
          String.format(
              "no Docker engine answers at %s (%s): `./sre-space test` run as root installs and"
                  + " starts one (infra/docker/ensure-docker.sh)",
              HOST, e),
          e);
    }
    try {
      docker.inspectImageCmd(IMAGE).exec();
    } catch (NotFoundException e) {
      fail("the engine at %s lacks %s: run infra/docker/ensure-docker.sh".formatted(HOST, IMAGE));
    }
    return new ComposeFixture(docker);
  }

  DockerRuntime runtime(String project) {
    return new DockerRuntime(
        new Settings(
            HOST,
            Optional.ofNullable(project),
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            Duration.ofSeconds(1)));
  }

  String network(String suffix) {
    String name = project + "_" + suffix;
    docker.createNetworkCmd().withName(name).withLabels(Map.of(RUN_LABEL, project)).exec();
    networks.add(name);
    return name;
  }

  /** Creates and starts a container of the service in this fixture's project. */
  String start(String service, Consumer<CreateContainerCmd> customize) {
    return start(project, service, "False", customize);
  }

  String start(
      String project, String service, String oneOff, Consumer<CreateContainerCmd> customize) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(DockerRuntime.PROJECT_LABEL, project);
    labels.put(DockerRuntime.SERVICE_LABEL, service);
    labels.put("com.docker.compose.container-number", "1");
    labels.put(DockerRuntime.ONE_OFF_LABEL, oneOff);
    labels.put(RUN_LABEL, this.project);
    String name = "%s-%s-%s".formatted(project, service, "True".equals(oneOff) ? "run" : "1");
    CreateContainerCmd create = docker.createContainerCmd(IMAGE).withName(name).withLabels(labels);
    customize.accept(create);
    String id = create.exec().getId();
    docker.startContainerCmd(id).exec();
    return id;
  }

  InspectContainerResponse inspect(String id) {
    return docker.inspectContainerCmd(id).exec();
  }

  List<Container> containersOf(String service) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(
            Map.of(DockerRuntime.PROJECT_LABEL, project, DockerRuntime.SERVICE_LABEL, service))
        .exec();
  }

  /** Runs a command in the container and returns what it printed. */
  String exec(String id, String... command) throws InterruptedException {
    String exec =
        docker
            .execCreateCmd(id)
            .withCmd(command)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
    StringBuilder output = new StringBuilder();
    ResultCallback.Adapter<Frame> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }
        };
    docker.execStartCmd(exec).exec(callback);
    if (!callback.awaitCompletion(20, TimeUnit.SECONDS)) {
      fail("%s in %s did not finish in 20 s".formatted(String.join(" ", command), id));
    }
    return output.toString();
  }

  @Override
  public void close() throws IOException {
    RuntimeException failure = null;
    for (Container container :
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(RUN_LABEL, project))
            .exec()) {
      try {
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
      } catch (NotFoundException e) {
        // already gone: a redeploy removed it
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    for (String network : networks) {
      docker.removeNetworkCmd(network).exec();
    }
    docker.close();
    if (failure != null) {
      throw failure;
    }
  }

  /** The runtime's settings as a test gives them. */
  record Settings(
      String host,
      Optional<String> project,
      Duration stopTimeout,
      Duration readyTimeout,
      Duration settleTime)
      implements DockerConfig {}
}
