package io.srespace.bench.fixer;

import io.srespace.board.IncidentBoard;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.Anomaly;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentOpened;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.TimeWindow;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.serde.EventDeserializer;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.fixer.runtime.SupervisorProcess;
import io.srespace.kafka.broker.BrokerSettings;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.knowledge.EnvFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Fixer end to end on a demo service: a real broker (here), the demo's user-service under a real
 * supervisord, and Fixer as its own process. Each run publishes a diagnosis asking to restart
 * user-service, as Brain would, and times the action being issued ({@code RemediationRequested}),
 * the restart done ({@code RemediationApplied}), the service healthy again, and — once Scout's
 * {@code SymptomsCleared} is published — the recovery verified.
 */
public final class FixerBenchmark {
  private static final String SERVICE = "user-service";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private volatile boolean reading = true;
  private EventPublisher publisher;

  /** One run's times, in milliseconds. */
  record Run(long issued, long applied, long healthy, long verifiedAfterCleared) {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    int runs = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "usage: fixer-bench [--runs N]   (unknown argument " + args[i] + ")");
      }
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be 1 or more, not " + runs);
    }
    new FixerBenchmark().run(root, runs);
    System.exit(0);
  }

  private void run(Path root, int runs) throws Exception {
    Path scratch = Files.createTempDirectory("fixer-bench");
    step("starting a Kafka broker");
    try (KafkaBroker kafka = KafkaBroker.start(BrokerSettings.ephemeral())) {
      kafka.createTopics(Topics.allWithDeadLetters());
      int port = SupervisorProcess.freePort();
      URI live = URI.create("http://127.0.0.1:" + port + "/q/health/live");
      step("starting supervisord with the demo's user-service");
      Path jar = root.resolve("demo-apps/user-service/target/quarkus-app/quarkus-run.jar");
      try (SupervisorProcess supervisor =
          SupervisorProcess.builder()
              .program(
                  SERVICE,
                  command(jar, port, kafka, telemetryLogin(scratch, kafka)),
                  Map.of("stopwaitsecs", "10"))
              .start()) {
        awaitHealthy(live, "user-service after supervisord started it");
        step("starting Fixer");
        try (ServiceProcess fixer =
            ServiceProcess.start(
                root.resolve("fixer/target/quarkus-app/quarkus-run.jar"),
                ServiceProcess.freePort(),
                List.of("-Xmx256m", "-XX:+UseSerialGC"),
                fixerSettings(root, scratch, kafka, supervisor, port))) {
          Thread reader = new Thread(() -> read(kafka), "bench-reader");
          reader.start();
          IncidentBoard board = LocalGitBoard.open(scratch.resolve("board.git"), "scout");
          List<Run> measured = new ArrayList<>();
          for (int run = 0; run <= runs; run++) {
            Run result = once(kafka, board, live, "BENCH-" + run);
            System.out.printf(
                Locale.ROOT,
                "  %s: issued %d ms, restarted %d ms, healthy %d ms after the diagnosis;"
                    + " verified %d ms after SymptomsCleared%n",
                run == 0 ? "warm-up" : "run " + run,
                result.issued(),
                result.applied(),
                result.healthy(),
                result.verifiedAfterCleared());
            if (run > 0) {
              measured.add(result);
            }
          }
          reading = false;
          reader.join(5_000);
          report(measured, fixer);
        }
      }
    }
  }

  private static Map<String, String> fixerSettings(
      Path root, Path scratch, KafkaBroker kafka, SupervisorProcess supervisor, int port)
      throws IOException {
    Path topology = scratch.resolve("topology.yaml");
    Files.writeString(
        topology,
        """
        services:
          user-service:
            url: http://127.0.0.1:%d
            health: /q/health/live
            owner: team-customers
            remediations:
              unavailable: {action: restart, why: a restart brings it back}
        """
            .formatted(port));
    Map<String, String> props = new HashMap<>(kafka.login(Principal.FIXER));
    props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    props.put("fixer.topology", topology.toString());
    props.put("fixer.runtime.supervisor-url", supervisor.baseUri().toString());
    props.put("fixer.runtime.environment-folder", supervisor.environmentFolder().toString());
    props.put("fixer.board.local", scratch.resolve("board.git").toString());
    props.put("fixer.gitops.repository", scratch.resolve("gitops.git").toString());
    props.put("fixer.gitops.seed", root.resolve("infra/gitops").toString());
    props.put("fixer.kill-switch-file", scratch.resolve("fixer.stop").toString());
    props.put("fixer.limits.per-service", "1000");
    props.put("fixer.limits.global", "1000");
    props.put("fixer.verify-deadline", "60s");
    return props;
  }

  private Run once(KafkaBroker kafka, IncidentBoard board, URI live, String incidentId)
      throws Exception {
    int issue =
        board
            .open(
                incidentId,
                "user-service down",
                IncidentBoard.marker(incidentId),
                Set.of("incident"))
            .number();
    Event<DiagnosisMade> diagnosis =
        Event.of(
            "brain",
            incidentId,
            issue,
            new DiagnosisMade(
                List.of(),
                FaultClass.UNAVAILABLE,
                0.9,
                new RemediationPlan(RemediationAction.RESTART, SERVICE, null, "benchmark"),
                "unavailable on user-service",
                List.of()));
    // Scout opened the incident before Brain diagnosed it: Fixer acts only on an open incident.
    Instant opened = Instant.now();
    publish(
        kafka,
        Topics.SCOUT_INCIDENTS,
        Event.of(
            "scout",
            incidentId,
            issue,
            new IncidentOpened(
                "user-service down",
                Severity.CRITICAL,
                List.of(SERVICE),
                List.of(
                    new Anomaly(
                        "a-" + incidentId,
                        SERVICE,
                        null,
                        Signal.HEALTH,
                        3,
                        0,
                        "failed probes",
                        new TimeWindow(opened.minusSeconds(5), opened),
                        List.of())),
                opened)));
    Instant published = Instant.now();
    publish(kafka, Topics.BRAIN_DIAGNOSES, diagnosis);
    Instant issued = await(incidentId + "/RemediationRequested");
    Instant applied = await(incidentId + "/RemediationApplied");
    Instant healthy = awaitHealthy(live, "user-service after the restart");
    Instant cleared = Instant.now();
    publish(
        kafka,
        Topics.SCOUT_INCIDENTS,
        Event.of(
            "scout",
            incidentId,
            issue,
            cleared,
            new SymptomsCleared(cleared.minusSeconds(30), 30)));
    Instant verified = await(incidentId + "/RemediationVerified");
    return new Run(
        millis(published, issued),
        millis(published, applied),
        millis(published, healthy),
        millis(cleared, verified));
  }

  private void read(KafkaBroker kafka) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "fixer-bench");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    try (var consumer =
        new KafkaConsumer<>(
            config, new StringDeserializer(), new EventDeserializer<EventPayload>())) {
      consumer.subscribe(List.of(Topics.FIXER_ACTIONS.name()));
      while (reading) {
        for (var record : consumer.poll(Duration.ofMillis(20))) {
          if (record.value() != null) {
            arrivals.putIfAbsent(
                record.value().incidentId() + "/" + record.value().type(), Instant.now());
          }
        }
      }
    }
  }

  private Instant await(String key) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Instant at = arrivals.get(key);
      if (at != null) {
        return at;
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("no " + key + " within " + TIMEOUT);
  }

  private Instant awaitHealthy(URI live, String what) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return Instant.now();
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(what + " was not healthy within " + TIMEOUT);
  }

  private void publish(
      KafkaBroker kafka, Topic<String, ?> topic, Event<? extends EventPayload> event) {
    if (publisher == null) {
      publisher = new EventPublisher(kafka.clientConfig(), "bench");
    }
    publisher.publish(topic, event);
  }

  /** The demo services' Kafka login in an owner-only file, as the local demo keeps it. */
  private static Path telemetryLogin(Path scratch, KafkaBroker kafka) throws IOException {
    Path file = scratch.resolve("telemetry.env");
    // Written through a temporary file, which Java creates readable by its owner only.
    EnvFile.write(file, kafka.login(Principal.TELEMETRY));
    return file;
  }

  /**
   * The packaged service, started as the local demo starts it, reading its environment file and its
   * Kafka login.
   */
  private static String command(Path jar, int port, KafkaBroker kafka, Path login) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return ("bash -c 'set -a; . %s; f=%s/env/%s.env; [ -f $f ] && . $f;"
            + " exec %s -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -XX:+ExitOnOutOfMemoryError -Dquarkus.http.port=%d"
            + " -Dkafka.bootstrap.servers=%s -jar %s'")
        .formatted(
            login,
            SupervisorProcess.FOLDER,
            SERVICE,
            java,
            port,
            kafka.bootstrapServers(),
            jar.toAbsolutePath());
  }

  private static void report(List<Run> runs, ServiceProcess fixer) throws IOException {
    System.out.printf(
        Locale.ROOT,
        "%nover %d runs (after one warm-up), ms after the diagnosis was published:%n"
            + "  action issued   p50 %d  max %d   (target <= 1000)%n"
            + "  restart done    p50 %d  max %d%n"
            + "  healthy again   p50 %d  max %d   (target <= 10000)%n"
            + "  verified after SymptomsCleared p50 %d  max %d%n"
            + "Fixer RSS %d MB%n",
        runs.size(),
        p50(runs, Run::issued),
        max(runs, Run::issued),
        p50(runs, Run::applied),
        max(runs, Run::applied),
        p50(runs, Run::healthy),
        max(runs, Run::healthy),
        p50(runs, Run::verifiedAfterCleared),
        max(runs, Run::verifiedAfterCleared),
        fixer.residentBytes() / (1024 * 1024));
    System.out.printf(
        Locale.ROOT,
        "RESULT runs=%d action_issued_p50_ms=%d action_issued_max_ms=%d"
            + " restart_to_healthy_p50_s=%.2f restart_to_healthy_max_s=%.2f"
            + " verified_after_cleared_p50_ms=%d%n",
        runs.size(),
        p50(runs, Run::issued),
        max(runs, Run::issued),
        p50(runs, Run::healthy) / 1000.0,
        max(runs, Run::healthy) / 1000.0,
        p50(runs, Run::verifiedAfterCleared));
  }

  private static long p50(List<Run> runs, ToLongFunction<Run> field) {
    long[] sorted = runs.stream().mapToLong(field).sorted().toArray();
    return sorted[(sorted.length - 1) / 2];
  }

  private static long max(List<Run> runs, ToLongFunction<Run> field) {
    return runs.stream().mapToLong(field).max().orElse(-1);
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }

  private static void step(String what) {
    System.out.println("==> " + what);
  }
}
