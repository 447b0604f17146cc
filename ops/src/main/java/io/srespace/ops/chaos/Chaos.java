package io.srespace.ops.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srespace.events.ChaosEvent;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.Fault;
import io.srespace.events.FaultCleared;
import io.srespace.events.FaultInjected;
import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.knowledge.EnvFile;
import io.srespace.ops.stack.ComposeStack;
import io.srespace.ops.stack.DemoServices;
import io.srespace.ops.stack.LocalStack;
import io.srespace.ops.stack.Say;
import io.srespace.ops.stack.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Faults on and off in the running demo, and the demo put back as the seed has it. The services'
 * own switches go through their admin endpoint, which records its exact time on {@code
 * chaos.faults}; the faults done from outside (a hang, packet loss, CPU starvation, a kill -9) go
 * through {@link HostChaos}, which records them itself; conversion-break is a bad deployment: the
 * acceptance limit goes to 0.00 in the GitOps repository and in what policy-service runs with.
 */
public final class Chaos {
  private static final Map<String, String> BAD_DEPLOYMENT =
      Map.of("PRICING_ACCEPTANCE_LIMIT", "0.00");

  /**
   * Each demo service's release that throws on one code path (its catalogue is in the service's
   * application.properties): what {@code bad-release} deploys.
   */
  public static final Map<String, String> BAD_RELEASES =
      Map.of("quote-service", "2.9.0", "policy-service", "3.3.0", "user-service", "1.6.0");

  /** Where the demo's traffic comes in. */
  private static final String ENTRY = "quote-service";

  private final Stack stack;
  private final FaultAdmin admin;
  private final Bus bus;
  private final HostChaos host;

  /** Compose's containers, or null on the local stack. */
  private final ComposeStack compose;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** Publishes facts on the stack's bus as one of its principals. */
  @FunctionalInterface
  public interface Bus {
    void publish(Principal as, Topic<String, ?> topic, EventPayload fact, Instant at)
        throws IOException;
  }

  /**
   * {@code bus}: where the tool records the faults it does from outside and the deployments it
   * makes, or null where it has no login (Compose: there are no faults from outside then).
   */
  public Chaos(Stack stack, FaultAdmin admin, Bus bus) {
    this(stack, admin, bus, null);
  }

  private Chaos(Stack stack, FaultAdmin admin, Bus bus, ComposeStack compose) {
    this.stack = stack;
    this.admin = admin;
    this.bus = bus;
    this.compose = compose;
    this.host = bus != null && compose == null ? new HostChaos(this::record) : null;
  }

  /**
   * The Compose stack's services with its admin token, faults recorded on {@code chaos.faults}
   * through the broker's published port; no fault from outside the containers (their processes are
   * not this machine's to signal).
   */
  public static Chaos compose(ComposeStack compose, Map<String, String> environment) {
    return on(compose.stack(), environment, compose);
  }

  /**
   * The local stack's services with its admin token ({@code DEMO_ADMIN_TOKEN} wins); faults done
   * from outside are recorded on {@code chaos.faults} with the demo services' Kafka login,
   * deployments on {@code deployments} with the deployer's.
   */
  public static Chaos of(Stack stack, Map<String, String> environment) {
    return on(stack, environment, null);
  }

  /** The stack's services with its token and its bus; {@code compose} null on the local stack. */
  private static Chaos on(Stack stack, Map<String, String> environment, ComposeStack compose) {
    String token = environment.getOrDefault("DEMO_ADMIN_TOKEN", "");
    return new Chaos(
        stack,
        new FaultAdmin(stack::url, token.isBlank() ? stack.adminToken() : token),
        (as, topic, fact, at) -> publish(stack, as, topic, fact, at),
        compose);
  }

  private static void publish(
      Stack stack, Principal as, Topic<String, ?> topic, EventPayload fact, Instant at)
      throws IOException {
    Map<String, Object> kafka =
        KafkaClients.config(
            stack.bootstrap(),
            as.user(),
            Credentials.existingPassword(stack.credentials(), as.user()));
    try (EventPublisher publisher = new EventPublisher(kafka, "chaos")) {
      publisher.publish(topic, Event.of("chaos", null, null, at, fact));
    } catch (IllegalStateException e) {
      throw new IOException(
          "done, but not recorded on %s: %s".formatted(topic.name(), e.getMessage()), e);
    }
  }

  /** Each service's faults: which are on, at what intensity, until when. */
  public String list(List<String> services) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String service : services(services)) {
      text.append("%s (%s)%n".formatted(service, admin.url(service)));
      if (host != null && service.equals(ENTRY) && !TrafficSurge.running(stack).isEmpty()) {
        text.append(
            "  %-17s ON   a second traffic generator%n".formatted(Fault.TRAFFIC_SURGE.id()));
      }
      if (host != null) {
        for (HostChaos.Active active : host.active(target(service))) {
          text.append("  %-17s ON   %s%n".formatted(active.fault().id(), active.detail()));
        }
      }
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
    if (fault.equals(Fault.TRAFFIC_SURGE.id())) {
      return surge(service, intensity, durationSeconds);
    }
    Optional<Fault> outside = Fault.fromId(fault).filter(HostChaos.FAULTS::contains);
    if (outside.isPresent()) {
      if (durationSeconds != null) {
        throw new IllegalArgumentException(
            fault
                + " lasts until ./sre-space chaos clear; --duration is for the services' switches");
      }
      return host().inject(outside.get(), target(service), intensity);
    }
    if (fault.equals("conversion-break")) {
      deploy(service, BAD_DEPLOYMENT, "Lower the acceptance limit to 0.00", "chaos");
      if (compose != null) {
        // A container runs what it was created with: it is created anew with the change.
        compose.restart(service);
      }
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
   * Ends the service from outside, as a crash would: SIGKILL to its local process (recorded on
   * {@code chaos.faults}), or {@code docker kill} of its Compose containers (not recorded).
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
    return host().inject(Fault.KILL, target(service), null) + " (recorded on chaos.faults)";
  }

  /**
   * Sends {@code factor} (4 when null) times the normal journeys into the entry service for {@code
   * seconds} (150 when null), from a second generator, and records it on {@code chaos.faults}.
   */
  private String surge(String service, Double factor, Long seconds) throws IOException {
    if (!service.equals(ENTRY)) {
      throw new IllegalArgumentException(
          "traffic enters the demo at " + ENTRY + ": a surge goes there, not to " + service);
    }
    host();
    Instant began = Instant.now();
    double times = factor == null ? 4 : factor;
    long lasting = seconds == null ? 150 : seconds;
    String started = TrafficSurge.start(stack, times, lasting);
    record(new FaultInjected(service, Fault.TRAFFIC_SURGE, times, lasting), began);
    return started;
  }

  /**
   * Records a fault's injection or clearance on {@code chaos.faults} (the evaluator's ground
   * truth), with the demo services' login, dated {@code at}.
   */
  private void record(ChaosEvent fact, Instant at) throws IOException {
    bus.publish(Principal.TELEMETRY, Topics.CHAOS_FAULTS, fact, at);
  }

  /** Ends a traffic surge still on (recorded); empty when there was none. */
  private Optional<String> stopSurge() throws IOException {
    Instant began = Instant.now();
    if (bus == null || TrafficSurge.stop(stack) == 0) {
      return Optional.empty();
    }
    record(new FaultCleared(ENTRY, Fault.TRAFFIC_SURGE, "cleared by hand"), began);
    return Optional.of("the traffic surge into %s stopped".formatted(ENTRY));
  }

  /** Turns {@code fault} (or every fault, when null) off in the services. */
  public void clear(String fault, List<String> services) throws IOException {
    if (fault == null || fault.equals(Fault.TRAFFIC_SURGE.id())) {
      stopSurge().ifPresent(Say::line);
      if (fault != null) {
        return;
      }
    }
    Optional<Fault> outside =
        fault == null ? Optional.empty() : Fault.fromId(fault).filter(HostChaos.FAULTS::contains);
    for (String service : services(services)) {
      if (host != null && (fault == null || outside.isPresent())) {
        host.clear(target(service), outside.orElse(null)).forEach(Say::line);
      }
      if (outside.isEmpty()) {
        admin.clear(service, fault);
        Say.line("cleared %s in %s".formatted(fault == null ? "every fault" : fault, service));
      }
    }
  }

  /**
   * Whether the fault's condition is still there, for an evaluator checking a claimed recovery: a
   * fault done from outside still on the host, a killed service still without a process, a switch
   * still on in the service (a held pool only while it still holds the whole pool), a bad release
   * or deployment still what the service runs, a surge still sending. Empty when it cannot be told:
   * a leak (a restart frees the heap, the leaking code stays) or a service not answering.
   */
  public Optional<Boolean> stillOn(String fault, String service)
      throws IOException, InterruptedException {
    Fault known = known(fault, service);
    Map<String, String> deployed =
        compose != null
            ? compose.deployed(service)
            : EnvFile.readAll(stack.deployed().resolve(service + ".env"));
    switch (known) {
      case HANG, PACKET_LOSS, NETWORK_DELAY, CPU_STARVATION, DISK_FULL -> {
        return Optional.of(
            host().active(target(service)).stream().anyMatch(a -> a.fault() == known));
      }
      case KILL -> {
        return Optional.of(
            compose != null
                ? !compose.running(service)
                : target(service).processes().get().isEmpty());
      }
      case BAD_RELEASE -> {
        return Optional.of(BAD_RELEASES.get(service).equals(deployed.get("RELEASE")));
      }
      case CONVERSION_BREAK -> {
        return Optional.of(
            BAD_DEPLOYMENT
                .get("PRICING_ACCEPTANCE_LIMIT")
                .equals(deployed.get("PRICING_ACCEPTANCE_LIMIT")));
      }
      case TRAFFIC_SURGE -> {
        return Optional.of(!TrafficSurge.running(stack).isEmpty());
      }
      case MEMORY_LEAK -> {
        return Optional.empty();
      }
      default -> {
        Optional<JsonNode> state = switchState(service, known);
        if (known == Fault.DB_POOL && state.isPresent() && state.get().path("active").asBoolean()) {
          double held = state.get().path("intensity").asDouble();
          double pool = Double.parseDouble(deployed.getOrDefault("DB_POOL_MAX_SIZE", "0"));
          return Optional.of(pool <= held);
        }
        return state.map(node -> node.path("active").asBoolean());
      }
    }
  }

  /**
   * When the fault, going on, would take the service down (a leak's heap run out), by the service's
   * own word; empty when it would not, or the service does not answer.
   */
  public Optional<Instant> downAt(String fault, String service) throws IOException {
    Fault known = known(fault, service);
    return switchState(service, known)
        .map(node -> node.path("downAt"))
        .filter(JsonNode::isTextual)
        .map(node -> Instant.parse(node.asText()));
  }

  /** The fault of {@code fault}'s id, aimed at a service of the demo; else a clear refusal. */
  private static Fault known(String fault, String service) {
    services(List.of(service));
    return Fault.fromId(fault).orElseThrow(() -> new IllegalArgumentException("no fault " + fault));
  }

  /** The service's own report of one of its switches; empty when it does not answer. */
  private Optional<JsonNode> switchState(String service, Fault fault) {
    try {
      for (JsonNode node : new ObjectMapper().readTree(admin.list(service))) {
        if (node.path("fault").asText().equals(fault.id())) {
          return Optional.of(node);
        }
      }
      return Optional.empty();
    } catch (IOException notAnswering) {
      return Optional.empty();
    }
  }

  /** The local process of a demo service, as the host sees it. */
  private HostChaos.Target target(String service) {
    String jar = "demo-apps/" + service + "/target/quarkus-app/quarkus-run.jar";
    return new HostChaos.Target(
        service,
        stack.port(service),
        () ->
            ProcessHandle.allProcesses()
                .filter(
                    process ->
                        process.info().commandLine().map(line -> line.contains(jar)).orElse(false))
                .toList(),
        stack.data(service).orElse(null));
  }

  private HostChaos host() {
    if (host == null) {
      throw new IllegalArgumentException(
          "faults done from outside the process run on the local stack only");
    }
    return host;
  }

  /**
   * Puts the demo back as the seed has it: every demo service running with the seed's configuration
   * (a service whose configuration drifted is redeployed), healthy, no fault on.
   */
  public void repair(DemoServices services) throws IOException, InterruptedException {
    // A stopped process would never get ready, and loss or a quota would slow it: these first.
    stopSurge().ifPresent(Say::step);
    if (host != null) {
      for (String service : LocalStack.DEMO_SERVICES) {
        host.clear(target(service), null).forEach(Say::line);
      }
    }
    for (String service : LocalStack.DEMO_SERVICES) {
      if (!services.running(service)) {
        Say.step("starting " + service);
        services.start(service);
      }
    }
    // A fault that outlives a restart (the batch holding policy-service's pool) would keep the
    // redeployed service from getting ready: every switch goes off before any redeploy.
    for (String service : LocalStack.DEMO_SERVICES) {
      clearWhenAnswering(service, Duration.ofSeconds(60), services);
    }
    for (String service : LocalStack.DEMO_SERVICES) {
      Map<String, String> seed = EnvFile.readAll(stack.seed().resolve(service + ".env"));
      if (!services.deployed(service).entrySet().containsAll(seed.entrySet())) {
        deploy(service, seed, "Restore " + service + "'s configuration to the seed", "repair");
        Say.step("redeploying %s with the seed's configuration".formatted(service));
        services.restart(service);
      }
    }
    for (String service : LocalStack.DEMO_SERVICES) {
      if (!services.awaitReady(service, Duration.ofSeconds(60))) {
        throw new IOException(
            "%s is not healthy after the repair (%s)"
                .formatted(service, services.whereToLook(service)));
      }
    }
    Say.step("repaired: every fault off, every demo service healthy with the seed's configuration");
  }

  /** Turns every switch of the service off once its admin endpoint answers. */
  private void clearWhenAnswering(String service, Duration limit, DemoServices services)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        admin.clear(service, null);
        Say.line("cleared every fault in " + service);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "%s did not answer its admin endpoint within %d s (%s)"
                  .formatted(service, limit.toSeconds(), services.whereToLook(service)),
              notYet);
        }
        Thread.sleep(500);
      }
    }
  }

  /**
   * Deploys a change as a person would: commits {@code values} on the GitOps repository, restarts
   * the service with them (the local stack's supervisor, or Compose) and records the deployment on
   * {@code deployments}; returns what was done.
   */
  public String deployAndRestart(
      DemoServices services, String service, Map<String, String> values, String reason)
      throws IOException, InterruptedException {
    services(List.of(service));
    Optional<GitOpsRepository.Committed> committed = deploy(service, values, reason, "operator");
    if (committed.isEmpty()) {
      return "%s already runs with %s: nothing deployed".formatted(service, values);
    }
    services.restart(service);
    if (!services.awaitReady(service, Duration.ofSeconds(60))) {
      throw new IOException(
          "%s is not healthy after the deployment (%s)"
              .formatted(service, services.whereToLook(service)));
    }
    return "deployed %s to %s (commit %s) and restarted it"
        .formatted(
            committed.get().changes().stream()
                .map(change -> "%s %s → %s".formatted(change.key(), change.from(), change.to()))
                .collect(Collectors.joining(", ")),
            service,
            committed.get().commit());
  }

  /**
   * The bad-release fault: the service's release that fails on a code path, deployed as a person
   * would ({@link #deployAndRestart}), and recorded on {@code chaos.faults} (the evaluator's ground
   * truth) as begun when the deployment began. Reverting the release heals it; a restart does not.
   */
  public String badRelease(DemoServices services, String service)
      throws IOException, InterruptedException {
    services(List.of(service));
    if (bus == null) {
      throw new IllegalArgumentException(
          "a bad release is recorded on chaos.faults: this tool has no Kafka login here");
    }
    String release = BAD_RELEASES.get(service);
    Instant began = Instant.now();
    String done =
        deployAndRestart(
            services,
            service,
            Map.of("RELEASE", release),
            "Release %s %s".formatted(service, release));
    record(new FaultInjected(service, Fault.BAD_RELEASE, 1, null), began);
    return done + " (recorded on chaos.faults as bad-release)";
  }

  /**
   * Commits the values on the GitOps repository, writes them where the service reads them, and
   * records the deployment on {@code deployments} when something changed.
   */
  private Optional<GitOpsRepository.Committed> deploy(
      String service, Map<String, String> values, String reason, String by)
      throws IOException, InterruptedException {
    Optional<GitOpsRepository.Committed> committed =
        new GitOpsRepository(stack.gitops()).commit(reason, service + ".env", values);
    EnvFile.write(stack.deployed().resolve(service + ".env"), values);
    if (committed.isPresent() && bus != null) {
      bus.publish(
          Principal.DEPLOYER,
          Topics.DEPLOYMENTS,
          new DeploymentChanged(
              service, committed.get().commit(), committed.get().changes(), by, reason),
          Instant.now());
    }
    return committed;
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
