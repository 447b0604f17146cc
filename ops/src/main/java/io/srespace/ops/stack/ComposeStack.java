package io.srespace.ops.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srespace.knowledge.EnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Compose mode's running stack (docker-compose.yml), acted on through the docker client: which
 * containers run, what configuration they run with, and a service started anew with its deployed
 * configuration ({@code .sre-space/compose/env/<service>.env} over the GitOps seed).
 */
public final class ComposeStack implements DemoServices {
  /** Long enough for a demo service's container to start and pass its health check. */
  private static final Duration UP_LIMIT = Duration.ofMinutes(3);

  private static final Duration DOCKER_LIMIT = Duration.ofSeconds(30);

  private final Stack stack;
  private final String project;

  public ComposeStack(Stack stack) {
    this.stack = stack;
    this.project = project(stack);
  }

  public Stack stack() {
    return stack;
  }

  /** The Compose project's name: COMPOSE_PROJECT_NAME from the environment, or from .env. */
  private static String project(Stack stack) {
    try {
      String name =
          System.getenv()
              .getOrDefault(
                  "COMPOSE_PROJECT_NAME",
                  EnvFile.parse(Files.readString(stack.root().resolve(".env")))
                      .getOrDefault("COMPOSE_PROJECT_NAME", ""));
      if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
        throw new IllegalStateException(
            ".env must name the Compose project (COMPOSE_PROJECT_NAME), was '" + name + "'");
      }
      return name;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read .env: " + e.getMessage(), e);
    }
  }

  /** Whether every one of {@code services} has a running container. */
  public boolean runs(List<String> services) throws IOException, InterruptedException {
    for (String service : services) {
      if (!running(service)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean running(String service) throws IOException, InterruptedException {
    return !containers(service).isEmpty();
  }

  @Override
  public void start(String service) throws IOException, InterruptedException {
    if (!running(service)) {
      up(service, false);
    }
  }

  @Override
  public void restart(String service) throws IOException, InterruptedException {
    up(service, true);
  }

  @Override
  public boolean awaitReady(String service, Duration limit)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    do {
      for (JsonNode container : inspect(containers(service))) {
        JsonNode health = container.path("State").path("Health").path("Status");
        if (health.isMissingNode() || health.asText().equals("healthy")) {
          return true;
        }
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** The environment its running container was created with. */
  @Override
  public Map<String, String> deployed(String service) throws IOException, InterruptedException {
    Map<String, String> environment = new LinkedHashMap<>();
    for (JsonNode container : inspect(containers(service))) {
      for (JsonNode variable : container.path("Config").path("Env")) {
        String text = variable.asText();
        int equals = text.indexOf('=');
        if (equals > 0) {
          environment.put(text.substring(0, equals), text.substring(equals + 1));
        }
      }
    }
    return environment;
  }

  @Override
  public String whereToLook(String service) {
    return "docker compose logs " + service;
  }

  /**
   * Creates the service's container anew with {@code settings} set for Compose (variables
   * docker-compose.yml reads, such as Fixer's limits), and waits until it is healthy.
   */
  public void recreate(String service, Map<String, String> settings)
      throws IOException, InterruptedException {
    up(service, true, settings);
  }

  /** When the service's running container started; empty when none runs. */
  public Optional<Instant> startedAt(String service) throws IOException, InterruptedException {
    for (JsonNode container : inspect(containers(service))) {
      String started = container.path("State").path("StartedAt").asText("");
      if (!started.isEmpty()) {
        return Optional.of(Instant.parse(started));
      }
    }
    return Optional.empty();
  }

  private void up(String service, boolean force) throws IOException, InterruptedException {
    up(service, force, Map.of());
  }

  /**
   * Creates the service's container anew ({@code force}) or starts it, without touching what it
   * depends on, and waits until it is healthy.
   */
  private void up(String service, boolean force, Map<String, String> settings)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "docker",
                "compose",
                "--project-directory",
                stack.root().toString(),
                "up",
                "--detach",
                "--no-deps",
                "--wait"));
    if (force) {
      command.add("--force-recreate");
    }
    command.add(service);
    HostCommand.Result result = HostCommand.run(command, stack.root(), settings, UP_LIMIT);
    if (result.exit() != 0) {
      throw new IOException(
          "docker compose up %s failed (exit %d): %s"
              .formatted(service, result.exit(), result.output().strip()));
    }
  }

  /** The ids of this project's running containers of {@code service}. */
  private List<String> containers(String service) throws IOException, InterruptedException {
    List<String> command =
        List.of(
            "docker",
            "ps",
            "--quiet",
            "--filter",
            "label=com.docker.compose.project=" + project,
            "--filter",
            "label=com.docker.compose.service=" + service);
    HostCommand.Result result = HostCommand.run(command, null, DOCKER_LIMIT);
    if (result.exit() != 0) {
      throw new IOException("docker ps failed: " + result.output().strip());
    }
    return result.output().lines().filter(line -> line.matches("[0-9a-f]{6,64}")).toList();
  }

  private List<JsonNode> inspect(List<String> ids) throws IOException, InterruptedException {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> command = new ArrayList<>(List.of("docker", "inspect"));
    command.addAll(ids);
    HostCommand.Result result = HostCommand.run(command, null, DOCKER_LIMIT);
    if (result.exit() != 0) {
      // A container removed between ps and inspect (Fixer recreating it) is simply not there.
      return List.of();
    }
    List<JsonNode> containers = new ArrayList<>();
    new ObjectMapper().readTree(result.output()).forEach(containers::add);
    return containers;
  }
}
