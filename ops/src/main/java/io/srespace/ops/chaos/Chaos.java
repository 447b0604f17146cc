package io.srespace.ops.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srespace.knowledge.EnvFile;
import io.srespace.ops.stack.LocalStack;
import io.srespace.ops.stack.Say;
import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faults on and off in the running demo, and the demo put back as the seed has it. Every fault but
 * a hard kill goes through the services' admin endpoint, which records its exact time on {@code
 * chaos.faults}; conversion-break is a bad deployment: the acceptance limit goes to 0.00 in the
 * GitOps repository and in what policy-service runs with.
 */
public final class Chaos {
  private static final Map<String, String> BAD_DEPLOYMENT =
      Map.of("PRICING_ACCEPTANCE_LIMIT", "0.00");

  private final Stack stack;
  private final FaultAdmin admin;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  public Chaos(Stack stack, FaultAdmin admin) {
    this.stack = stack;
    this.admin = admin;
  }

  /** The local stack's services with its admin token ({@code DEMO_ADMIN_TOKEN} wins). */
  public static Chaos of(Stack stack, Map<String, String> environment) {
    String token = environment.getOrDefault("DEMO_ADMIN_TOKEN", "");
    return new Chaos(
        stack, new FaultAdmin(stack::url, token.isBlank() ? stack.adminToken() : token));
  }

  /** Each service's faults: which are on, at what intensity, until when. */
  public String list(List<String> services) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String service : services(services)) {
      text.append("%s (%s)%n".formatted(service, admin.url(service)));
      for (JsonNode fault : new ObjectMapper().readTree(admin.list(service))) {
        if (fault.path("active").asBoolean()) {
          text.append(
              "  %-17s ON   %s %s, until %s%n"
                  .formatted(
                      fault.path("fault").asText(),
                      fault.path("intensity").asText(),
                      fault.path("intensityUnit").asText(),
                      fault.path("until").isNull() ? "cleared" : fault.path("until").asText()));
        } else {
          text.append("  %-17s off%n".formatted(fault.path("fault").asText()));
        }
      }
    }
    return text.toString();
  }

  /**
   * Turns the fault on; returns what the service answered. A kill returns once the service has
   * stopped answering.
   */
  public String inject(String fault, String service, Double intensity, Long durationSeconds)
      throws IOException, InterruptedException {
    services(List.of(service));
    if (fault.equals("conversion-break")) {
      deploy(service, BAD_DEPLOYMENT, "Lower the acceptance limit to 0.00");
      Say.step(
          "deployed PRICING_ACCEPTANCE_LIMIT=0.00 to "
              + service
              + " (commit on the GitOps repository)");
    }
    String state = admin.inject(service, fault, intensity, durationSeconds);
    if (fault.equals("kill")) {
      awaitSilence(service);
    }
    return state;
  }

  /**
   * Ends the service from outside, as a crash would: SIGKILL to its local process, or {@code docker
   * kill} of its Compose containers. Nothing is recorded on {@code chaos.faults}.
   */
  public String killHard(String service, boolean compose) throws IOException, InterruptedException {
    services(List.of(service));
    if (compose) {
      Process docker =
          new ProcessBuilder(
                  "docker", "ps", "-q", "--filter", "label=com.docker.compose.service=" + service)
              .redirectErrorStream(true)
              .start();
      List<String> ids =
          new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(line -> line.matches("[0-9a-f]+"))
              .toList();
      if (docker.waitFor() != 0 || ids.isEmpty()) {
        throw new IOException("no running Compose container of " + service);
      }
      List<String> kill = new ArrayList<>(List.of("docker", "kill"));
      kill.addAll(ids);
      if (new ProcessBuilder(kill).redirectErrorStream(true).start().waitFor() != 0) {
        throw new IOException("docker kill " + ids + " failed");
      }
      return "killed container(s) %s of %s with docker kill (not recorded on chaos.faults)"
          .formatted(ids, service);
    }
    String jar = service + "/target/quarkus-app/quarkus-run.jar";
    List<ProcessHandle> processes =
        ProcessHandle.allProcesses()
            .filter(
                process ->
                    process.info().commandLine().map(line -> line.contains(jar)).orElse(false))
            .toList();
    if (processes.isEmpty()) {
      throw new IOException("no local process of " + service + " found");
    }
    processes.forEach(ProcessHandle::destroyForcibly);
    return "killed %s (pid %s) with SIGKILL (not recorded on chaos.faults)"
        .formatted(service, processes.stream().map(ProcessHandle::pid).toList());
  }

  /** Turns {@code fault} (or every fault, when null) off in the services. */
  public void clear(String fault, List<String> services) throws IOException {
    for (String service : services(services)) {
      admin.clear(service, fault);
      Say.line("cleared %s in %s".formatted(fault == null ? "every fault" : fault, service));
    }
  }

  /**
   * Puts the demo back as the seed has it: every demo service running with the seed's configuration
   * (a service whose configuration drifted is redeployed), healthy, no fault on.
   */
  public void repair(LocalStack local) throws IOException, InterruptedException {
    for (String service : LocalStack.DEMO_SERVICES) {
      String state = local.supervisor().program(service).state();
      if (!state.equals("RUNNING")) {
        Say.step("starting %s (%s)".formatted(service, state));
        local.supervisor().control("start", service);
      }
    }
    for (String service : LocalStack.DEMO_SERVICES) {
      Map<String, String> seed = readEnv(stack.seed().resolve(service + ".env"));
      Map<String, String> deployed = readEnv(stack.deployed().resolve(service + ".env"));
      if (!deployed.entrySet().containsAll(seed.entrySet())) {
        deploy(service, seed, "Restore " + service + "'s configuration to the seed");
        Say.step("redeploying %s with the seed's configuration".formatted(service));
        local.supervisor().control("restart", service);
      }
    }
    for (String service : LocalStack.DEMO_SERVICES) {
      if (!local.awaitReady(service, Duration.ofSeconds(60))) {
        throw new IOException(
            "%s is not healthy after the repair (log: %s)".formatted(service, stack.log(service)));
      }
    }
    clear(null, List.of());
    Say.step("repaired: every fault off, every demo service healthy with the seed's configuration");
  }

  /** Commits the values on the GitOps repository and writes them where the service reads them. */
  private void deploy(String service, Map<String, String> values, String message)
      throws IOException, InterruptedException {
    new GitOpsRepository(stack.gitops()).commit(message, service + ".env", values);
    EnvFile.write(stack.deployed().resolve(service + ".env"), values);
  }

  private static Map<String, String> readEnv(Path file) throws IOException {
    return Files.isRegularFile(file)
        ? new LinkedHashMap<>(EnvFile.parse(Files.readString(file, StandardCharsets.UTF_8)))
        : Map.of();
  }

  private void awaitSilence(String service) throws IOException, InterruptedException {
    URI live = admin.url(service).resolve("/q/health/live");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        http.send(
            HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        Say.line(service + " has stopped answering");
        return;
      }
      Thread.sleep(200);
    }
    throw new IOException(service + " still answers 10 s after the kill");
  }

  private static List<String> services(List<String> services) {
    for (String service : services) {
      if (!LocalStack.DEMO_SERVICES.contains(service)) {
        throw new IllegalArgumentException(
            "unknown service '%s' (known: %s)".formatted(service, LocalStack.DEMO_SERVICES));
      }
    }
    return services.isEmpty() ? new ArrayList<>(LocalStack.DEMO_SERVICES) : services;
  }
}
