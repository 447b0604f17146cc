package io.srespace.ops.stack;

import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Access;
import io.srespace.events.topics.Principal;
import io.srespace.knowledge.EnvFile;
import io.srespace.knowledge.KnowledgeGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole system as processes under supervisord: its state folder prepared, the parts started in
 * waves (each wave needs only the ones before it: the infrastructure; the demo services and Memory;
 * then the agents and the traffic, once every service Scout probes and the generator calls
 * answers), stopped, and listed with their state and memory.
 */
public final class LocalStack implements DemoServices {

  /**
   * What starts together, in order: Jaeger, the collector, always; Zipkin when {@code environment}
   * chooses it as the trace store Brain reads.
   */
  public static List<List<String>> waves(Map<String, String> environment) {
    List<String> first = new ArrayList<>(List.of("kafka", "chroma", "jaeger"));
    if (TraceBackend.of(environment) == TraceBackend.ZIPKIN) {
      first.add("zipkin");
    }
    first.addAll(DEMO_SERVICES);
    return List.of(
        List.copyOf(first), List.of("memory", "brain", "fixer", "traffic", "scout", "console"));
  }

  /** The four agents: supervisord starts one again when it ends unexpectedly. */
  public static final List<String> AGENTS = List.of("scout", "brain", "fixer", "memory");

  public static final List<String> DEMO_SERVICES =
      List.of("user-service", "policy-service", "quote-service");

  private static final Duration READY_LIMIT = Duration.ofSeconds(180);

  private final Stack stack;
  private final Supervisor supervisor;
  private final Map<String, String> environment;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  public LocalStack(Stack stack, Map<String, String> environment, PrintStream out) {
    this.stack = stack;
    this.supervisor = new Supervisor(stack.supervisorConf());
    this.environment = environment;
    this.out = out;
  }

  /** The trace backend this stack runs (SRE_SPACE_TRACES). */
  public TraceBackend traces() {
    return TraceBackend.of(environment);
  }

  public Stack stack() {
    return stack;
  }

  public Supervisor supervisor() {
    return supervisor;
  }

  /** Prepares the folder, starts supervisord when it is not running, then every wave. */
  public void up() throws IOException, InterruptedException {
    long started = System.nanoTime();
    prepare();
    // The services' data volumes: mounted by up alone (prepare also writes a stack's files in
    // tests).
    for (String service : DEMO_SERVICES) {
      Optional<Path> data = stack.data(service);
      if (data.isPresent() && !DataVolume.prepare(data.get())) {
        Say.line(
            "%s keeps its data in %s on the machine's disk (mounting a volume of its own needs"
                    .formatted(service, data.get())
                + " root): the disk-full fault is off");
      }
    }
    if (supervisor.running()) {
      supervisor.reload();
    } else {
      Say.step("starting supervisord (its programs' logs are in " + stack.logs() + ")");
      supervisor.start();
    }
    List<List<String>> waves = waves(environment);
    Say.step(
        "starting the stack in %d waves, each after the one it needs is ready"
            .formatted(waves.size()));
    for (List<String> wave : waves) {
      startWave(wave, started);
    }
    Say.step("the stack is up in %d s".formatted(seconds(started)));
    out.println(summary());
  }

  /**
   * The generated secrets, the knowledge graph with this stack's ports, the seed, the
   * configuration.
   */
  void prepare() throws IOException {
    Files.createDirectories(stack.logs());
    Secrets.generated(stack, "admin-token");
    Map<String, String> urls = new LinkedHashMap<>();
    DEMO_SERVICES.forEach(service -> urls.put(service, stack.url(service).toString()));
    try {
      KnowledgeGraph graph = KnowledgeGraph.load(stack.root().resolve("infra/topology.yaml"));
      Files.writeString(stack.topology(), graph.withUrls(urls).toYaml());
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "infra/topology.yaml is not a valid knowledge graph: " + e.getMessage(), e);
    }
    // The configuration each demo service is deployed with: the GitOps seed on the first up
    // (Fixer rewrites these files when it redeploys a merged change).
    Files.createDirectories(stack.deployed());
    try (var seeds = Files.list(stack.seed())) {
      for (Path seed : seeds.filter(file -> file.toString().endsWith(".env")).toList()) {
        Path deployed = stack.deployed().resolve(seed.getFileName());
        if (!Files.exists(deployed)) {
          Files.copy(seed, deployed, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Secrets.write(stack, environment, Map.of());
    // Every part logs in to Kafka as its own user: the broker reads the passwords from
    // credentials/, each part gets its own in secrets/<part>.env. The operator's tools log in as
    // the admin through credentials/admin.properties.
    for (String user : Access.users()) {
      Credentials.password(stack.credentials(), user);
    }
    writeAdminProperties();
    for (String service : DEMO_SERVICES) {
      Secrets.writeOwn(stack, service, login(Principal.TELEMETRY));
    }
    // Jaeger, the collector, writes the services' spans to Kafka as they would: as telemetry.
    Secrets.writeOwn(stack, "jaeger", login(Principal.TELEMETRY));
    // Memory's and Brain's HTTP APIs ask for their keys; Brain calls Memory with Memory's.
    String memoryKey = Credentials.generated(stack.credentials().resolve("memory.api-key"));
    String brainKey = Credentials.generated(stack.credentials().resolve("brain.api-key"));
    Map<String, String> memory = new LinkedHashMap<>(login(Principal.MEMORY));
    memory.put("MEMORY_API_KEY", memoryKey);
    Secrets.writeOwn(stack, "memory", memory);
    Map<String, String> brain = new LinkedHashMap<>(login(Principal.BRAIN));
    brain.put("MEMORY_API_KEY", memoryKey);
    brain.put("BRAIN_API_KEY", brainKey);
    Secrets.writeOwn(stack, "brain", brain);
    Secrets.writeOwn(stack, "scout", login(Principal.SCOUT));
    Map<String, String> console = new LinkedHashMap<>(login(Principal.CONSOLE));
    if (StackConf.chaosLab(environment)) {
      console.put("CONSOLE_CHAOS_LAB_TOKEN", stack.adminToken());
    }
    Secrets.writeOwn(stack, "console", console);
    // Fixer alone talks to supervisord's HTTP port, with credentials of this stack's own.
    Map<String, String> fixer = new LinkedHashMap<>(login(Principal.FIXER));
    fixer.put("FIXER_RUNTIME_SUPERVISOR_USER", StackConf.SUPERVISOR_USER);
    fixer.put("FIXER_RUNTIME_SUPERVISOR_PASSWORD", Secrets.generated(stack, "supervisor-password"));
    Secrets.writeOwn(stack, "fixer", fixer);
    new StackConf(stack, environment).write();
  }

  private Map<String, String> login(Principal principal) {
    return Map.of(
        "KAFKA_USER",
        principal.user(),
        "KAFKA_PASSWORD",
        Credentials.existingPassword(stack.credentials(), principal.user()));
  }

  /** Client settings for Kafka's console tools ({@code ./sre-space kafka}), as the admin. */
  private void writeAdminProperties() throws IOException {
    Credentials.writeOwnerOnly(
        stack.credentials().resolve("admin.properties"),
        """
        # Written by ./sre-space up: the console tools log in to Kafka as its admin.
        security.protocol=%s
        sasl.mechanism=%s
        sasl.jaas.config=%s
        """
            .formatted(
                KafkaClients.PROTOCOL,
                KafkaClients.MECHANISM,
                KafkaClients.jaas(
                    Access.ADMIN,
                    Credentials.existingPassword(stack.credentials(), Access.ADMIN))));
  }

  private void startWave(List<String> wave, long stackStarted)
      throws IOException, InterruptedException {
    Map<String, Long> logFrom = new LinkedHashMap<>();
    List<String> starting = new ArrayList<>();
    for (String name : wave) {
      Supervisor.Program program = supervisor.program(name);
      if (program.running() && ready(name, 0)) {
        Say.line("  %-15s already running (pid %d)".formatted(name, program.pid()));
        continue;
      }
      logFrom.put(name, Files.exists(stack.log(name)) ? Files.size(stack.log(name)) : 0L);
      starting.add(name);
    }
    if (starting.isEmpty()) {
      return;
    }
    supervisor.control("start", starting.toArray(String[]::new));
    long deadline = System.nanoTime() + READY_LIMIT.toNanos();
    List<String> waiting = new ArrayList<>(starting);
    long nextStateCheck = 0;
    while (!waiting.isEmpty()) {
      List<String> ready = new ArrayList<>();
      for (String name : waiting) {
        if (ready(name, logFrom.get(name))) {
          ready.add(name);
        }
      }
      // supervisorctl is a Python process: asked when a part became ready, else every 2 s, to
      // see a part that died while starting.
      if (!ready.isEmpty() || System.nanoTime() > nextStateCheck) {
        nextStateCheck = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        Map<String, Supervisor.Program> programs = supervisor.programs();
        for (String name : List.copyOf(waiting)) {
          Supervisor.Program program =
              programs.getOrDefault(name, new Supervisor.Program(name, "UNKNOWN", 0));
          boolean alive = program.running() || program.state().equals("STARTING");
          if (!alive || System.nanoTime() > deadline) {
            throw new IOException(
                "%s did not become ready (state %s); the end of its log:%n%s%nits log: %s; ./sre-space down stops the rest"
                    .formatted(name, program.state(), tail(stack.log(name), 30), stack.log(name)));
          }
          if (ready.contains(name) && program.running()) {
            waiting.remove(name);
            Say.line(
                "  %-15s ready in %2d s  pid %-7d %s"
                    .formatted(
                        name,
                        seconds(stackStarted),
                        program.pid(),
                        portOf(name).map(port -> "port " + port).orElse("")));
          }
        }
      }
      Thread.sleep(250);
    }
  }

  /**
   * Whether a part answers: its health endpoint, the broker's "ready in" line after {@code logFrom}
   * bytes of its log (which is appended to across restarts), or for the traffic generator running
   * at all.
   */
  public boolean ready(String name, long logFrom) throws IOException {
    return switch (name) {
      case "kafka" -> {
        Path log = stack.log(name);
        if (!Files.exists(log) || Files.size(log) <= logFrom) {
          yield false;
        }
        try (var channel = java.nio.channels.FileChannel.open(log)) {
          var bytes =
              java.nio.ByteBuffer.allocate((int) Math.min(channel.size() - logFrom, 1 << 20));
          channel.read(bytes, logFrom);
          yield new String(
                  bytes.array(), 0, bytes.position(), java.nio.charset.StandardCharsets.UTF_8)
              .contains("ready in");
        }
      }
      case "traffic" -> true;
      case "chroma" -> answers(stack.url(name).resolve("/api/v2/heartbeat"));
      case "zipkin" -> answers(stack.url(name).resolve("/health"));
      case "jaeger" -> answers(stack.url("jaeger-health").resolve("/status"));
      default -> answers(stack.url(name).resolve("/q/health/ready"));
    };
  }

  @Override
  public boolean running(String service) throws IOException, InterruptedException {
    return supervisor.program(service).running();
  }

  @Override
  public void start(String service) throws IOException, InterruptedException {
    if (!supervisor.program(service).state().equals("RUNNING")) {
      supervisor.control("start", service);
    }
  }

  @Override
  public void restart(String service) throws IOException, InterruptedException {
    supervisor.control("restart", service);
  }

  /** The service's deployed environment file (what Fixer's and chaos's deployments write). */
  @Override
  public Map<String, String> deployed(String service) throws IOException {
    return EnvFile.readAll(stack.deployed().resolve(service + ".env"));
  }

  @Override
  public String whereToLook(String service) {
    return "log: " + stack.log(service);
  }

  /** Whether a part is ready, waiting up to {@code limit}. */
  @Override
  public boolean awaitReady(String name, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    do {
      if (supervisor.program(name).running() && ready(name, 0)) {
        return true;
      }
      Thread.sleep(300);
    } while (System.nanoTime() < deadline);
    return false;
  }

  private boolean answers(URI url) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() < 300;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops every part and supervisord; {@code wipe} also deletes the stack's data. */
  public void down(boolean wipe) throws IOException, InterruptedException {
    if (supervisor.running()) {
      Say.step("stopping every component, the agents first");
      // The agents leave their consumer groups while the broker still answers: a member that
      // never left holds its partitions for a session timeout after the next start.
      // supervisorctl stops the programs it is given one after another: one call each, together.
      List<List<String>> waves = waves(environment);
      for (int wave = waves.size() - 1; wave > 0; wave--) {
        List<Thread> stopping = new ArrayList<>();
        for (String part : waves.get(wave)) {
          Thread stop =
              new Thread(
                  () -> {
                    try {
                      supervisor.control("stop", part);
                    } catch (IOException e) {
                      Say.line("  %s did not stop cleanly: %s".formatted(part, e.getMessage()));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "stop-" + part);
          stop.start();
          stopping.add(stop);
        }
        for (Thread thread : stopping) {
          thread.join();
        }
      }
      supervisor.shutdown();
      Say.step("stopped");
    } else {
      Say.step("the stack is not running");
    }
    if (wipe) {
      for (String service : DEMO_SERVICES) {
        Optional<Path> data = stack.data(service);
        if (data.isPresent()) {
          DataVolume.release(data.get());
        }
      }
      for (String data :
          List.of(
              "kafka",
              "chroma-data",
              "board.git",
              "gitops.git",
              "env",
              "scout-state",
              "fixer.stop",
              "logs",
              "secrets.env",
              "secrets",
              "credentials",
              "data")) {
        deleteTree(stack.home().resolve(data));
      }
      Say.step(
          "removed the stack's data (Kafka, Chroma, board, GitOps repository, environment files,"
              + " secrets and Kafka passwords, logs, the services' data volumes; approvers' keys are"
              + " kept)");
    }
  }

  /** Each part's state, pid, port and resident memory; false when the stack is down. */
  public boolean status() throws IOException, InterruptedException {
    Optional<ProcessHandle> daemon = supervisor.daemon();
    if (daemon.isEmpty()) {
      Say.step("the stack is down (./sre-space up starts it)");
      return false;
    }
    String row = "%-15s %-9s %-8s %-6s %8s  %-9s %s";
    out.println(row.formatted("COMPONENT", "STATE", "PID", "PORT", "RSS", "UPTIME", "EXITS"));
    Map<String, Integer> exits =
        Supervisor.unexpectedExits(stack.logs().resolve("supervisord.log"));
    long total = 0;
    int up = 0;
    Map<String, Supervisor.Program> programs = supervisor.programs();
    for (Supervisor.Program program : programs.values()) {
      String rss = "";
      if (program.pid() > 0) {
        long mb = residentMb(program.pid());
        total += mb;
        up++;
        rss = mb + " MB";
      }
      out.println(
          row.formatted(
              program.name(),
              program.state(),
              program.pid() > 0 ? String.valueOf(program.pid()) : "-",
              portOf(program.name()).map(String::valueOf).orElse("-"),
              rss,
              program.uptime(),
              exits.getOrDefault(program.name(), 0)));
    }
    out.println(
        row.formatted(
            "supervisord",
            "RUNNING",
            daemon.get().pid(),
            stack.port("supervisor"),
            residentMb(daemon.get().pid()) + " MB",
            "",
            ""));
    out.printf("%d of %d running; %d MB resident in all%n", up, programs.size(), total);
    int agentExits = AGENTS.stream().mapToInt(agent -> exits.getOrDefault(agent, 0)).sum();
    if (agentExits > 0) {
      out.printf(
          "agents ended unexpectedly %d time%s and were started again (supervisord.log says"
              + " why; ./sre-space logs NAME for their own words)%n",
          agentExits, agentExits == 1 ? "" : "s");
    }
    return true;
  }

  private Optional<Integer> portOf(String name) {
    try {
      return Optional.of(stack.port(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** VmRSS of the process (0 when it has gone). */
  static long residentMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone meanwhile
    }
    return 0;
  }

  private String summary() {
    boolean github =
        !environment.getOrDefault("GITHUB_TOKEN", "").isBlank()
            && !environment.getOrDefault("GITHUB_REPOSITORY", "").isBlank();
    return """

          demo services  quote %s   policy %s   user %s
          console        %s   (the live page: charts, incidents, the agents' feed)
          agents         scout %s   brain %s   fixer %s   memory %s
          traces         %s
          Kafka          %s        board: %s

          next:  ./sre-space chaos kill policy-service     inject a fault (./sre-space chaos list shows them)
                 ./sre-space board list                    the incidents; ./sre-space board show N for one
                 ./sre-space logs brain -f                 follow an agent's log
                 ./sre-space status                        state, pid, port and memory of every part
                 ./sre-space demo                          the guided tour;  ./sre-space down  stops everything
        """
        .formatted(
            stack.url("quote-service"),
            stack.url("policy-service"),
            stack.url("user-service"),
            stack.url("console"),
            stack.url("scout"),
            stack.url("brain"),
            stack.url("fixer"),
            stack.url("memory"),
            tracesLine(),
            stack.bootstrap(),
            github ? "GitHub " + environment.get("GITHUB_REPOSITORY") : stack.board() + " (local)");
  }

  /** Where the traces are, for people. */
  private String tracesLine() {
    String jaeger =
        "Jaeger %s/api/traces?service=quote-service (its query API; OTLP in on %s)"
            .formatted(stack.url("jaeger"), stack.url("jaeger-otlp-http"));
    return traces() == TraceBackend.JAEGER
        ? jaeger
        : "Zipkin %s/zipkin/ (Brain reads it); collector %s".formatted(stack.url("zipkin"), jaeger);
  }

  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static long seconds(long since) {
    return Duration.ofNanos(System.nanoTime() - since).toSeconds();
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var paths = Files.walk(path)) {
      for (Path each : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }
}
