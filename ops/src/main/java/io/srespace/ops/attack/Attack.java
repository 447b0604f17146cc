package io.srespace.ops.attack;

import io.srespace.events.ConfigChange;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationPlan;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Access;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.knowledge.EnvFile;
import io.srespace.ops.chaos.GitOpsRepository;
import io.srespace.ops.stack.Stack;
import io.srespace.ops.stack.Supervisor;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./sre-space attack}: tries, against the running local stack, what someone who reaches its
 * bus would try — without a login, with a wrong one, with a demo service's or another agent's, and
 * with Brain's own (a stolen login, where only Fixer's own checks stand) — then checks that nothing
 * was done, that no secret shows in a file others read, a command line or a log, and that no port
 * answers beyond this machine. One line per attempt and a RESULT line.
 */
public final class Attack {
  /** How long Fixer has to act on what was written (it waits 10 s for an incident to open). */
  public static final Duration SETTLE = Duration.ofSeconds(15);

  private static final Set<String> ACTS =
      Set.of(
          "RemediationRequested", "ApprovalRequested", "RemediationApplied", "RemediationVerified");

  /** One try and what came of it. */
  public record Attempt(String name, boolean written, String outcome) {}

  /** What the attack found. */
  public record Report(
      List<Attempt> attempts, List<String> acted, List<String> secrets, List<String> openPorts) {
    public String result() {
      return "RESULT attempts=%d acted=%d secrets_exposed=%d open_ports=%d"
          .formatted(attempts.size(), acted.size(), secrets.size(), openPorts.size());
    }
  }

  private final String bootstrap;
  private final Map<String, String> passwords;
  private final PrintStream out;
  private final List<String> incidents = new ArrayList<>();

  /**
   * @param passwords every Kafka user's password (the operator's view: a stolen login is one of
   *     them)
   */
  public Attack(String bootstrap, Map<String, String> passwords, PrintStream out) {
    this.bootstrap = bootstrap;
    this.passwords = Map.copyOf(passwords);
    this.out = out;
  }

  /** The attack on the local stack, reading the logins from its credentials folder. */
  public static Report onLocalStack(Stack stack, PrintStream out) throws Exception {
    Supervisor supervisor = new Supervisor(stack.supervisorConf());
    if (!supervisor.running()) {
      throw new IllegalStateException("the stack is not running: ./sre-space up first");
    }
    Map<String, String> passwords = new HashMap<>();
    for (String user : Access.users()) {
      passwords.put(user, Credentials.existingPassword(stack.credentials(), user));
    }
    Map<String, Supervisor.Program> before = supervisor.programs();
    String gitops = GitOpsRepository.head(stack.gitops());
    Attack attack = new Attack(stack.bootstrap(), passwords, out);
    List<Attempt> attempts = new ArrayList<>(attack.attempts(SETTLE));
    List<String> acted = new ArrayList<>(attack.fixerActed());
    for (Attempt call :
        withoutKey(
            Map.of(
                "Memory's recall API without its key",
                URI.create(stack.url("memory") + "/api/v1/memory/similar?text=pool&k=1"),
                "Brain's investigation API without its key",
                URI.create(stack.url("brain") + "/api/v1/incidents/inv-0")))) {
      attempts.add(call);
      if (call.written()) {
        acted.add(call.name() + ": " + call.outcome());
      }
    }
    Map<String, Supervisor.Program> after = supervisor.programs();
    for (var program : after.values()) {
      Supervisor.Program then = before.get(program.name());
      if (then != null && then.running() && program.pid() != then.pid()) {
        acted.add(
            "%s was restarted (pid %d → %d)".formatted(program.name(), then.pid(), program.pid()));
      }
    }
    String gitopsAfter = GitOpsRepository.head(stack.gitops());
    if (!gitops.equals(gitopsAfter)) {
      acted.add("the GitOps repository changed (" + gitops + " → " + gitopsAfter + ")");
    }
    Set<String> secrets = new TreeSet<>(passwords.values());
    secrets.addAll(secretFiles(stack.home()));
    List<String> exposed = Exposure.secrets(stack.home(), secrets);
    Set<Long> pids = new java.util.HashSet<>();
    supervisor.daemon().ifPresent(daemon -> pids.add(daemon.pid()));
    for (var program : after.values()) {
      if (program.pid() > 0) {
        pids.add(program.pid());
        ProcessHandle.of(program.pid())
            .ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
      }
    }
    List<String> open = Exposure.openPorts(pids);
    Report report = new Report(attempts, acted, exposed, open);
    attack.print(report);
    return report;
  }

  /** Every attempt, then {@code settle} for Fixer to act on what got through. */
  public List<Attempt> attempts(Duration settle) throws InterruptedException {
    Instant now = Instant.now();
    List<Attempt> attempts = new ArrayList<>();
    Map<String, Object> noLogin = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    attempts.add(
        write("a diagnosis with no login", noLogin, Topics.BRAIN_DIAGNOSES, restart(now, 1)));
    attempts.add(
        write(
            "a diagnosis as brain with a wrong password",
            KafkaClients.config(bootstrap, "brain", "not-brains-password"),
            Topics.BRAIN_DIAGNOSES,
            restart(now, 2)));
    attempts.add(
        write(
            "a diagnosis as telemetry (a demo service's login)",
            login(Principal.TELEMETRY),
            Topics.BRAIN_DIAGNOSES,
            restart(now, 3)));
    attempts.add(
        write(
            "a diagnosis as scout",
            login(Principal.SCOUT),
            Topics.BRAIN_DIAGNOSES,
            restart(now, 4)));
    attempts.add(
        write(
            "recovery proof (SymptomsCleared) as telemetry",
            login(Principal.TELEMETRY),
            Topics.SCOUT_INCIDENTS,
            Event.of("scout", incident(5), 1, now, new SymptomsCleared(now.minusSeconds(60), 60))));
    attempts.add(
        raw(
            "a \"verified\" post-mortem as scout, for Memory to reuse",
            login(Principal.SCOUT),
            Topics.BRAIN_POSTMORTEMS.name(),
            "{\"type\":\"PostmortemWritten\",\"incidentId\":\"%s\"}".formatted(incident(6))));
    attempts.add(
        raw(
            "an action report (fixer.actions) as brain",
            login(Principal.BRAIN),
            Topics.FIXER_ACTIONS.name(),
            "{\"type\":\"RemediationVerified\",\"incidentId\":\"%s\"}".formatted(incident(7))));
    attempts.add(
        raw(
            "a topic made by writing to it, as telemetry",
            login(Principal.TELEMETRY),
            "attack.new-topic",
            "{}"));
    attempts.add(createTopic("a topic created through the admin API, as brain", Principal.BRAIN));
    // A stolen Brain login: the broker lets it write; Fixer's own checks must refuse.
    attempts.add(
        write(
            "a restart as brain, dated 2020, for an incident that never opened",
            login(Principal.BRAIN),
            Topics.BRAIN_DIAGNOSES,
            withTime(restart(now, 10), Instant.parse("2020-01-01T00:00:00Z"))));
    attempts.add(
        write(
            "a restart as brain, now, for an incident Scout never opened",
            login(Principal.BRAIN),
            Topics.BRAIN_DIAGNOSES,
            restart(now, 11)));
    attempts.add(
        write(
            "DB_POOL_MAX_SIZE 4→0 as brain, for an incident Scout never opened",
            login(Principal.BRAIN),
            Topics.BRAIN_DIAGNOSES,
            diagnosis(
                now,
                12,
                new RemediationPlan(
                    RemediationAction.PULL_REQUEST,
                    "policy-service",
                    new ConfigChange("policy-service.env", "DB_POOL_MAX_SIZE", "4", "0"),
                    "pool exhausted"))));
    Thread.sleep(settle.toMillis());
    return attempts;
  }

  /**
   * A request to each API without a key: {@code written} when it was answered with anything but 401
   * or 403.
   */
  public static List<Attempt> withoutKey(Map<String, URI> apis) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    List<Attempt> attempts = new ArrayList<>();
    for (var api : new java.util.TreeMap<>(apis).entrySet()) {
      try {
        int status =
            http.send(
                    HttpRequest.newBuilder(api.getValue())
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        boolean refused = status == 401 || status == 403;
        attempts.add(
            new Attempt(
                api.getKey(),
                !refused,
                refused
                    ? "refused by the API: " + status
                    : "answered " + status + " without a key"));
      } catch (IOException e) {
        attempts.add(
            new Attempt(api.getKey(), false, "no answer: " + e.getClass().getSimpleName()));
      }
    }
    return attempts;
  }

  /** Fixer's acts on {@code fixer.actions} for the attack's incidents, read as the evaluator. */
  public List<String> fixerActed() {
    Map<String, Object> config = new HashMap<>(login(Principal.EVALUATOR));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<String> acted = new ArrayList<>();
    var deserializer = Topics.FIXER_ACTIONS.valueSerde().deserializer();
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      String topic = Topics.FIXER_ACTIONS.name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          Event<RemediationEvent> event;
          try {
            event = deserializer.deserialize(topic, record.value());
          } catch (RuntimeException notAnEvent) {
            continue;
          }
          if (incidents.contains(event.incidentId()) && ACTS.contains(event.type())) {
            acted.add("Fixer: %s for %s".formatted(event.type(), event.incidentId()));
          }
        }
      }
    }
    return acted;
  }

  void print(Report report) {
    int n = 0;
    for (Attempt attempt : report.attempts()) {
      out.printf("  %2d  %-66s %s%n", ++n, attempt.name(), attempt.outcome());
    }
    report.acted().forEach(line -> out.println("  ACTED   " + line));
    report.secrets().forEach(line -> out.println("  SECRET  " + line));
    report.openPorts().forEach(line -> out.println("  OPEN    " + line));
    out.println(report.result());
  }

  private Attempt write(
      String name, Map<String, Object> login, Topic<String, ?> topic, Event<?> event) {
    @SuppressWarnings("unchecked")
    var serializer = ((Topic<String, Event<?>>) topic).valueSerde().serializer();
    return send(name, login, topic.name(), serializer.serialize(topic.name(), event));
  }

  private Attempt raw(String name, Map<String, Object> login, String topic, String json) {
    return send(name, login, topic, json.getBytes(StandardCharsets.UTF_8));
  }

  private Attempt send(String name, Map<String, Object> login, String topic, byte[] value) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    try (var producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get(15, TimeUnit.SECONDS);
      return new Attempt(name, true, "written to " + topic + "; Fixer must refuse it");
    } catch (ExecutionException e) {
      return refused(name, e.getCause());
    } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
      return refused(name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return refused(name, e);
    }
  }

  private Attempt createTopic(String name, Principal principal) {
    try (Admin admin = Admin.create(login(principal))) {
      admin
          .createTopics(List.of(new NewTopic("attack.created", 1, (short) 1)))
          .all()
          .get(15, TimeUnit.SECONDS);
      return new Attempt(name, true, "created attack.created");
    } catch (ExecutionException e) {
      return refused(name, e.getCause());
    } catch (Exception e) {
      return refused(name, e);
    }
  }

  private static Attempt refused(String name, Throwable why) {
    return new Attempt(name, false, "refused by the broker: " + why.getClass().getSimpleName());
  }

  private Map<String, Object> login(Principal principal) {
    return KafkaClients.config(bootstrap, principal.user(), passwords.get(principal.user()));
  }

  private String incident(int attempt) {
    String id =
        "INC-ATTACK-%02d-%s".formatted(attempt, UUID.randomUUID().toString().substring(0, 8));
    incidents.add(id);
    return id;
  }

  private Event<DiagnosisMade> restart(Instant now, int attempt) {
    return diagnosis(
        now,
        attempt,
        new RemediationPlan(RemediationAction.RESTART, "user-service", null, "it is down"));
  }

  private Event<DiagnosisMade> diagnosis(Instant now, int attempt, RemediationPlan plan) {
    return Event.of(
        "brain",
        incident(attempt),
        1,
        now,
        new DiagnosisMade(
            List.of(),
            FaultClass.UNAVAILABLE,
            0.9,
            plan,
            "forged by ./sre-space attack",
            List.of()));
  }

  private static <P extends EventPayload> Event<P> withTime(Event<P> event, Instant at) {
    return Event.of(event.source(), event.incidentId(), event.issue(), at, event.data());
  }

  /** The values of the stack's other secrets: tokens and every KEY=value of the secrets files. */
  private static Set<String> secretFiles(Path home) throws IOException {
    Set<String> values = new TreeSet<>();
    for (String token : List.of("admin-token", "supervisor-password")) {
      Path file = home.resolve(token);
      if (Files.exists(file)) {
        values.add(Files.readString(file).strip());
      }
    }
    List<Path> files = new ArrayList<>();
    files.add(home.resolve("secrets.env"));
    if (Files.isDirectory(home.resolve("secrets"))) {
      try (Stream<Path> own = Files.list(home.resolve("secrets"))) {
        files.addAll(own.toList());
      }
    }
    for (Path file : files) {
      if (!Files.exists(file)) {
        continue;
      }
      EnvFile.parse(Files.readString(file)).entrySet().stream()
          .filter(entry -> !entry.getKey().endsWith("_USER"))
          .forEach(entry -> values.add(entry.getValue()));
    }
    values.removeIf(value -> value.length() < 8);
    return values;
  }
}
