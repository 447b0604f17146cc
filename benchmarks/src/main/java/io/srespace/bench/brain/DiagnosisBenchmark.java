package io.srespace.bench.brain;

import io.srespace.board.IncidentBoard;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.brain.diagnosis.Incidents;
import io.srespace.brain.traces.ZipkinServer;
import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentOpened;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationVerified;
import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.recall.ApiKey;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.BrokerSettings;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.memory.testing.ChromaServer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How fast Brain publishes a diagnosis after Scout opens an incident, first without and then with a
 * remembered fix: a real broker, a real Zipkin with the demo's traffic in it, Memory over a real
 * Chroma, and Brain, each as its own process (the broker in this one). Prints a table per fault and
 * a RESULT line.
 */
public final class DiagnosisBenchmark {
  /** Memory's API key for this run: Brain and the benchmark use it. */
  private static final String MEMORY_KEY = Credentials.newPassword();

  /** A fault as Scout opens it, and the diagnosis it must get. */
  record Scenario(
      String name,
      Function<Instant, IncidentOpened> incident,
      String service,
      FaultClass faultClass,
      RemediationAction action) {}

  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario(
              "kill",
              Incidents::kill,
              "user-service",
              FaultClass.UNAVAILABLE,
              RemediationAction.RESTART),
          new Scenario(
              "error-rate",
              Incidents::errorRate,
              "user-service",
              FaultClass.ERRORS,
              RemediationAction.RESTART),
          new Scenario(
              "latency",
              Incidents::latency,
              "policy-service",
              FaultClass.LATENCY,
              RemediationAction.RESTART),
          new Scenario(
              "memory-leak",
              Incidents::memoryLeak,
              "quote-service",
              FaultClass.MEMORY,
              RemediationAction.RESTART),
          new Scenario(
              "db-pool",
              Incidents::dbPool,
              "policy-service",
              FaultClass.RESOURCE_EXHAUSTION,
              RemediationAction.PULL_REQUEST),
          new Scenario(
              "conversion-break",
              Incidents::conversionBreak,
              "policy-service",
              FaultClass.WRONG_RESULT,
              RemediationAction.PULL_REQUEST));

  /** One diagnosis as measured. */
  record Measured(Scenario scenario, boolean repeat, long millis, boolean right, boolean reused) {}

  private final Path root;
  private final int rounds;
  private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
  private volatile boolean reading = true;
  private EventPublisher publisher;
  private IncidentBoard scoutBoard;

  record Arrival(Instant at, Event<? extends EventPayload> event) {}

  DiagnosisBenchmark(Path root, int rounds) {
    this.root = root;
    this.rounds = rounds;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(".");
    int rounds = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> {
          System.err.println(
              "usage: brain-bench [--rounds N]   (unknown argument " + args[i] + ")");
          System.exit(2);
        }
      }
    }
    new DiagnosisBenchmark(root.toAbsolutePath().normalize(), rounds).run();
    System.exit(0);
  }

  void run() throws Exception {
    Path scratch = Files.createTempDirectory("brain-bench");
    Path gitops = scratch.resolve("gitops");
    Files.createDirectories(gitops);
    // The deployment the benchmark plays: a bad acceptance limit, so conversion-break has a fix.
    Files.writeString(
        gitops.resolve("policy-service.env"),
        Files.readString(root.resolve("infra/gitops/policy-service.env"))
            .replace("PRICING_ACCEPTANCE_LIMIT=0.8", "PRICING_ACCEPTANCE_LIMIT=0.00"));
    step("starting a Kafka broker");
    try (KafkaBroker kafka = KafkaBroker.start(BrokerSettings.ephemeral())) {
      kafka.createTopics(Topics.allWithDeadLetters());
      step("starting Zipkin and filling it with six minutes of the demo's traffic");
      try (ZipkinServer zipkin = ZipkinServer.start();
          DemoTraffic traffic = DemoTraffic.start(zipkin, Duration.ofMinutes(6), 20);
          ChromaServer chroma = ChromaServer.start()) {
        step("starting Memory (Chroma at " + chroma.baseUri() + ")");
        try (ServiceProcess memory =
                ServiceProcess.start(
                    root.resolve("memory/target/quarkus-app/quarkus-run.jar"),
                    ServiceProcess.freePort(),
                    List.of("-Xmx256m", "-XX:+UseSerialGC"),
                    with(
                        kafka.login(Principal.MEMORY),
                        Map.of(
                            "kafka.bootstrap.servers",
                            kafka.bootstrapServers(),
                            "memory.chroma-url",
                            chroma.baseUri().toString(),
                            "memory.collection",
                            "bench",
                            "MEMORY_API_KEY",
                            MEMORY_KEY)));
            ServiceProcess brain = startBrain(kafka, zipkin, memory, scratch, gitops)) {
          Thread reader = new Thread(() -> read(kafka), "bench-reader");
          reader.start();
          List<Measured> measured = new ArrayList<>();
          step("one incident right after Brain started (cold: not counted below)");
          Measured cold = diagnose(kafka, SCENARIOS.get(0), "cold", false);
          step(
              "first occurrences: %d rounds of %d faults, nothing remembered yet"
                  .formatted(rounds, SCENARIOS.size()));
          for (int round = 1; round <= rounds; round++) {
            for (Scenario s : SCENARIOS) {
              measured.add(diagnose(kafka, s, "first-" + round, false));
            }
          }
          step(
              "remembering one verified fix of each fault (Fixer's events, Brain's post-mortems, Memory)");
          for (Scenario s : SCENARIOS) {
            verify(kafka, "BENCH-" + s.name() + "-first-1");
          }
          awaitCount(memory, SCENARIOS.size(), Duration.ofSeconds(60));
          step("the same faults again: %d rounds".formatted(rounds));
          for (int round = 1; round <= rounds; round++) {
            for (Scenario s : SCENARIOS) {
              measured.add(diagnose(kafka, s, "again-" + round, true));
            }
          }
          reading = false;
          reader.join(5_000);
          report(measured, cold, brain, memory, chroma);
        }
      }
    }
  }

  private ServiceProcess startBrain(
      KafkaBroker kafka, ZipkinServer zipkin, ServiceProcess memory, Path scratch, Path gitops)
      throws IOException, InterruptedException {
    step("starting Brain");
    Map<String, String> props = new HashMap<>(kafka.login(Principal.BRAIN));
    props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    props.put("brain.traces.kind", "zipkin");
    props.put("brain.traces.url", zipkin.baseUri().toString());
    props.put("brain.memory.url", memory.url(""));
    props.put("MEMORY_API_KEY", MEMORY_KEY);
    props.put("BRAIN_API_KEY", Credentials.newPassword());
    props.put("brain.board.local", scratch.resolve("board.git").toString());
    // The benchmark plays Scout: it opens each incident's issue before announcing the incident.
    scoutBoard = LocalGitBoard.open(scratch.resolve("board.git"), "scout");
    props.put("brain.topology", root.resolve("infra/topology.yaml").toString());
    props.put("brain.gitops", gitops.toString());
    return ServiceProcess.start(
        root.resolve("brain/target/quarkus-app/quarkus-run.jar"),
        ServiceProcess.freePort(),
        List.of("-Xmx256m", "-XX:+UseSerialGC"),
        props);
  }

  private static Map<String, String> with(Map<String, String> login, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(login);
    all.putAll(more);
    return all;
  }

  private Measured diagnose(KafkaBroker kafka, Scenario s, String suffix, boolean repeat)
      throws Exception {
    String incidentId = "BENCH-" + s.name() + "-" + suffix;
    Instant now = Instant.now();
    IncidentOpened incident = s.incident().apply(now.minusSeconds(6));
    int issue =
        scoutBoard
            .open(
                incidentId, incident.title(), IncidentBoard.marker(incidentId), Set.of("incident"))
            .number();
    Event<IncidentOpened> opened = Event.of("scout", incidentId, issue, now, incident);
    publish(kafka, Topics.SCOUT_INCIDENTS, opened);
    long published = Duration.between(opened.occurredAt(), Instant.now()).toMillis();
    Arrival arrival = await(incidentId + "/DiagnosisMade", Duration.ofSeconds(15));
    DiagnosisMade made = (DiagnosisMade) arrival.event().data();
    long millis = Duration.between(opened.occurredAt(), arrival.at()).toMillis();
    boolean right =
        made.plan().action() == s.action()
            && s.service().equals(made.plan().service())
            && made.faultClass() == s.faultClass();
    boolean reused = made.plan().reason().contains("was fixed this way and verified");
    System.out.printf(
        Locale.ROOT,
        "  %-17s %-8s %5d ms (published in %d ms)  %-6s %s%n",
        s.name(),
        repeat ? "again" : "first",
        millis,
        published,
        right ? "right" : "WRONG",
        reused
            ? "reused " + made.similarIncidents().get(0)
            : made.plan().action().name().toLowerCase(Locale.ROOT));
    return new Measured(s, repeat, millis, right, reused);
  }

  private void verify(KafkaBroker kafka, String incidentId) throws Exception {
    Instant now = Instant.now();
    Event<?> diagnosis = arrivals.get(incidentId + "/DiagnosisMade").event();
    DiagnosisMade made = (DiagnosisMade) diagnosis.data();
    publish(
        kafka,
        Topics.FIXER_ACTIONS,
        Event.of(
            "fixer",
            incidentId,
            diagnosis.issue(),
            now,
            new RemediationApplied(
                "act-" + incidentId,
                made.plan().action(),
                made.plan().service(),
                "done by the benchmark",
                null)));
    publish(
        kafka,
        Topics.FIXER_ACTIONS,
        Event.of(
            "fixer",
            incidentId,
            diagnosis.issue(),
            now.plusSeconds(1),
            new RemediationVerified(
                "act-" + incidentId,
                made.plan().action(),
                made.plan().service(),
                "symptoms cleared",
                now)));
    await(incidentId + "/PostmortemWritten", Duration.ofSeconds(15));
  }

  private static void awaitCount(ServiceProcess memory, int count, Duration timeout)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      body =
          http.send(
                  HttpRequest.newBuilder(URI.create(memory.url("/api/v1/memory/count")))
                      .header("Authorization", ApiKey.authorization(MEMORY_KEY))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (body.replaceAll("\\D+", " ").trim().split(" ")[0].equals(String.valueOf(count))) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "Memory holds " + body + ", not " + count + ", after " + timeout);
  }

  private void read(KafkaBroker kafka) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "brain-bench");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    try (var consumer =
        new KafkaConsumer<>(
            config,
            new StringDeserializer(),
            new io.srespace.events.serde.EventDeserializer<EventPayload>())) {
      consumer.subscribe(List.of(Topics.BRAIN_DIAGNOSES.name(), Topics.BRAIN_POSTMORTEMS.name()));
      while (reading) {
        for (var record : consumer.poll(Duration.ofMillis(20))) {
          Event<EventPayload> event = record.value();
          if (event != null) {
            arrivals.putIfAbsent(
                event.incidentId() + "/" + event.type(), new Arrival(Instant.now(), event));
          }
        }
      }
    }
  }

  private Arrival await(String key, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Arrival arrival = arrivals.get(key);
      if (arrival != null) {
        return arrival;
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("no " + key + " within " + timeout);
  }

  private void publish(
      KafkaBroker kafka, Topic<String, ?> topic, Event<? extends EventPayload> event) {
    if (publisher == null) {
      publisher = new EventPublisher(kafka.clientConfig(), "bench");
    }
    publisher.publish(topic, event);
  }

  private void report(
      List<Measured> measured,
      Measured cold,
      ServiceProcess brain,
      ServiceProcess memory,
      ChromaServer chroma)
      throws IOException {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-17s %12s %12s %12s %12s %8s %8s%n",
        "fault",
        "first p50",
        "first p95",
        "again p50",
        "again p95",
        "reused",
        "right");
    Map<String, List<Measured>> byFault = new LinkedHashMap<>();
    measured.forEach(
        m -> byFault.computeIfAbsent(m.scenario().name(), k -> new ArrayList<>()).add(m));
    byFault.forEach(
        (fault, list) ->
            System.out.printf(
                Locale.ROOT,
                "%-17s %9d ms %9d ms %9d ms %9d ms %4d/%-3d %4d/%-3d%n",
                fault,
                percentile(list, false, 50),
                percentile(list, false, 95),
                percentile(list, true, 50),
                percentile(list, true, 95),
                list.stream().filter(m -> m.repeat() && m.reused()).count(),
                list.stream().filter(Measured::repeat).count(),
                list.stream().filter(Measured::right).count(),
                list.size()));
    long right = measured.stream().filter(Measured::right).count();
    long reused = measured.stream().filter(m -> m.repeat() && m.reused()).count();
    long repeats = measured.stream().filter(Measured::repeat).count();
    System.out.printf(
        Locale.ROOT,
        "%nBrain RSS %d MB, Memory RSS %d MB, Chroma RSS %d MB%n",
        brain.residentBytes() / (1024 * 1024),
        memory.residentBytes() / (1024 * 1024),
        chroma.residentBytes() / (1024 * 1024));
    System.out.printf(
        Locale.ROOT,
        "RESULT diagnoses=%d cold_ms=%d first_p50_ms=%d first_p95_ms=%d again_p50_ms=%d again_p95_ms=%d reused=%d/%d right=%d/%d%n",
        measured.size(),
        cold.millis(),
        percentile(measured, false, 50),
        percentile(measured, false, 95),
        percentile(measured, true, 50),
        percentile(measured, true, 95),
        reused,
        repeats,
        right,
        measured.size());
  }

  private static long percentile(List<Measured> measured, boolean repeat, int p) {
    long[] values =
        measured.stream()
            .filter(m -> m.repeat() == repeat)
            .mapToLong(Measured::millis)
            .sorted()
            .toArray();
    if (values.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * values.length) - 1;
    return values[Math.max(0, Math.min(values.length - 1, index))];
  }

  private static void step(String what) {
    System.out.println("==> " + what);
  }
}
