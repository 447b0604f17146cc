package io.srespace.bench.scout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.srespace.demo.testing.ServiceProcess;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.Event;
import io.srespace.events.FaultInjected;
import io.srespace.events.IncidentOpened;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.BrokerSettings;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.knowledge.KnowledgeGraph;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * How fast Scout notices each fault of the catalogue, and whether it stays quiet without one. Runs
 * the local system as processes on scratch ports (a Kafka broker, the three demo services, Scout
 * and the traffic generator), first for a fault-free control period, then injects every scenario of
 * {@code chaos/scenarios} in turn, {@code --runs} times. Detection time is measured from the
 * injection time on {@code chaos.faults} (ground truth, read here only) to Scout's IncidentOpened;
 * for the memory leak, from Scout's incident to the process's death. After each fault it repairs
 * the system as an operator would (clears the fault, restarts a dead process) and waits for Scout
 * to clear the incident. Prints a table and a RESULT line; {@code --json FILE} keeps every run.
 */
public final class DetectionEvaluation {
  private static final List<String> SERVICES =
      List.of("user-service", "policy-service", "quote-service");
  private static final List<String> SERVICE_JVM =
      List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final String TOKEN = "evaluation";
  private static final Duration DETECT_LIMIT = Duration.ofSeconds(90);
  private static final Duration CLEAR_LIMIT = Duration.ofSeconds(180);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final Settings settings;
  private final Path work;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final List<Outcome> outcomes = new ArrayList<>();
  private final Map<String, List<String>> neighbours = new LinkedHashMap<>();
  private KafkaBroker broker;
  private ServiceProcess scout;
  private Process traffic;
  private EventLog log;
  private int controlIncidents;

  /** A fault of the catalogue, as its scenario file describes it. */
  record Scenario(
      String fault, String service, Double intensity, Long detectWithin, Long flagBeforeDeath) {
    boolean endsTheProcess() {
      return fault.equals("kill") || fault.equals("memory-leak");
    }
  }

  /** One injection and what Scout made of it. */
  record Outcome(
      Scenario scenario,
      int run,
      Instant injected,
      Double detectSeconds,
      List<String> incidentServices,
      Double leadBeforeDeathSeconds,
      Double clearSeconds,
      int extraIncidents) {
    boolean detected() {
      return detectSeconds != null;
    }

    /**
     * Whether the incident is about the faulty service or a direct neighbour of it in the topology
     * (a conversion drop is seen at the entry service that calls the faulty one): finding the
     * faulty one among them is Brain's work.
     */
    boolean related(Map<String, List<String>> neighbours) {
      List<String> near = neighbours.getOrDefault(scenario.service(), List.of());
      return incidentServices.stream()
          .anyMatch(service -> service.equals(scenario.service()) || near.contains(service));
    }
  }

  record Settings(
      Path root,
      int runs,
      List<String> faults,
      Duration control,
      Duration warmup,
      double rate,
      Path json) {
    static final String USAGE =
        """
        usage: DetectionEvaluation [--runs N (3)] [--faults kill,latency,... (all)]
                                   [--control-minutes M (10)] [--warmup-seconds S (90)]
                                   [--rate JOURNEYS_PER_S (50)] [--json FILE] [--root DIR (.)]
        """;

    static Settings parse(String... args) {
      Map<String, String> options = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --option value, found '" + args[i] + "'");
        }
        options.put(args[i].substring(2), args[i + 1]);
      }
      List<String> known =
          List.of("runs", "faults", "control-minutes", "warmup-seconds", "rate", "json", "root");
      options.keySet().stream()
          .filter(option -> !known.contains(option))
          .findFirst()
          .ifPresent(
              option -> {
                throw new IllegalArgumentException("unknown option --" + option);
              });
      return new Settings(
          Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize(),
          Integer.parseInt(options.getOrDefault("runs", "3")),
          options.containsKey("faults")
              ? Arrays.asList(options.get("faults").split(","))
              : List.of(),
          Duration.ofSeconds(
              Math.round(Double.parseDouble(options.getOrDefault("control-minutes", "10")) * 60)),
          Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-seconds", "90"))),
          Double.parseDouble(options.getOrDefault("rate", "50")),
          options.containsKey("json") ? Path.of(options.get("json")) : null);
    }
  }

  private DetectionEvaluation(Settings settings, Path work) {
    this.settings = settings;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("scout-eval: " + e.getMessage());
      System.err.print(Settings.USAGE);
      System.exit(2);
      return;
    }
    List<Scenario> scenarios = scenarios(settings);
    Path work = Files.createTempDirectory("scout-eval-");
    DetectionEvaluation evaluation = new DetectionEvaluation(settings, work);
    Runtime.getRuntime().addShutdownHook(new Thread(evaluation::stopAll, "evaluation-stop"));
    try {
      evaluation.start();
      evaluation.control();
      for (int run = 1; run <= settings.runs(); run++) {
        for (Scenario scenario : scenarios) {
          evaluation.evaluate(scenario, run);
        }
      }
      evaluation.report(scenarios);
    } finally {
      evaluation.stopAll();
    }
  }

  /** The scenarios of {@code chaos/scenarios}, in catalogue order, or the ones asked for. */
  static List<Scenario> scenarios(Settings settings) throws IOException {
    Path folder = settings.root().resolve("chaos/scenarios");
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no scenario folder at " + folder + " (use --root)");
    }
    YAMLMapper yaml = new YAMLMapper();
    Map<String, Scenario> byFault = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode node = yaml.readTree(file.toFile());
        Scenario scenario =
            new Scenario(
                node.path("fault").asText(),
                node.path("service").asText(),
                number(node, "intensity"),
                number(node, "detect_within_seconds") == null
                    ? null
                    : number(node, "detect_within_seconds").longValue(),
                number(node, "flag_before_death_seconds") == null
                    ? null
                    : number(node, "flag_before_death_seconds").longValue());
        byFault.put(scenario.fault(), scenario);
      }
    }
    List<String> order =
        settings.faults().isEmpty()
            ? List.of(
                "kill",
                "dependency-down",
                "error-rate",
                "latency",
                "db-pool",
                "conversion-break",
                "memory-leak")
            : settings.faults();
    List<Scenario> chosen = new ArrayList<>();
    for (String fault : order) {
      Scenario scenario = byFault.get(fault);
      if (scenario == null) {
        throw new IllegalArgumentException(
            "no scenario for fault '" + fault + "' (known: " + byFault.keySet() + ")");
      }
      chosen.add(scenario);
    }
    return chosen;
  }

  private static Double number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNumber() ? value.asDouble() : null;
  }

  private void start() throws Exception {
    say("working in " + work);
    broker = KafkaBroker.start(BrokerSettings.ephemeral());
    broker.createTopics(Topics.allWithDeadLetters());
    say("broker ready at " + broker.bootstrapServers());
    for (String service : SERVICES) {
      ports.put(service, ServiceProcess.freePort());
    }
    Path topology = writeTopology();
    log =
        new EventLog(
            broker.clientConfig(),
            List.of(Topics.CHAOS_FAULTS, Topics.SCOUT_ANOMALIES, Topics.SCOUT_INCIDENTS));
    for (String service : SERVICES) {
      startService(service);
    }
    scout =
        ServiceProcess.start(
            settings.root().resolve("scout/target/quarkus-app/quarkus-run.jar"),
            ServiceProcess.freePort(),
            List.of("-Xmx256m", "-XX:+UseSerialGC"),
            withLogin(
                Principal.SCOUT,
                Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "scout.topology", topology.toString(),
                    "scout.board", work.resolve("board.git").toString(),
                    "kafka-streams.state.dir", work.resolve("scout-state").toString())));
    say("scout ready on port " + scout.port());
    requireQuotes("before the traffic");
    traffic =
        new ProcessBuilder(
                javaBinary(),
                "-cp",
                settings.root().resolve("demo-apps/traffic-generator/target/classes").toString(),
                "io.srespace.demo.traffic.TrafficGenerator",
                "--target",
                url("quote-service", ""),
                "--rate",
                String.valueOf(settings.rate()),
                "--duration",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("traffic.log").toFile())
            .start();
    say(
        "traffic at %.0f journeys/s; warming up for %d s (detectors learn their baselines)"
            .formatted(settings.rate(), settings.warmup().toSeconds()));
    Thread.sleep(settings.warmup().toMillis());
    requireQuotes("after the warm-up");
    long early = log.all(IncidentOpened.class, e -> true).size();
    if (early > 0) {
      say("note: " + early + " incident(s) opened during warm-up (not counted)");
    }
  }

  /** One journey's quote, answered; the evaluation means nothing on a system that is down. */
  private void requireQuotes(String when) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url("quote-service", "/quotes")))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"customerId\":\"c-1\",\"product\":\"home-basic\"}"))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "quote-service does not serve quotes "
              + when
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  private Path writeTopology() throws IOException {
    Map<String, String> urls = new LinkedHashMap<>();
    ports.forEach((service, port) -> urls.put(service, "http://127.0.0.1:" + port));
    KnowledgeGraph graph =
        KnowledgeGraph.load(settings.root().resolve("infra/topology.yaml")).withUrls(urls);
    graph
        .callees()
        .forEach(
            (caller, callees) ->
                callees.forEach(
                    callee -> {
                      neighbours.computeIfAbsent(caller, k -> new ArrayList<>()).add(callee);
                      neighbours.computeIfAbsent(callee, k -> new ArrayList<>()).add(caller);
                    }));
    Path file = work.resolve("topology.yaml");
    Files.writeString(file, graph.toYaml());
    return file;
  }

  private Map<String, String> withLogin(Principal principal, Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(broker.login(principal));
    all.putAll(more);
    return all;
  }

  private void startService(String service) throws Exception {
    Map<String, String> properties = withLogin(Principal.TELEMETRY, Map.of());
    properties.put("kafka.bootstrap.servers", broker.bootstrapServers());
    properties.put("demo.admin-token", TOKEN);
    properties.put("quarkus.rest-client.user-service.url", url("user-service", ""));
    properties.put("quarkus.rest-client.policy-service.url", url("policy-service", ""));
    ServiceProcess process =
        ServiceProcess.start(
            settings.root().resolve("demo-apps/" + service + "/target/quarkus-app/quarkus-run.jar"),
            ports.get(service),
            SERVICE_JVM,
            properties);
    services.put(service, process);
    say(service + " ready on port " + process.port());
  }

  private String url(String service, String path) {
    return "http://127.0.0.1:" + ports.get(service) + path;
  }

  /** Fault-free minutes with the traffic's natural noise: every incident opened is a false one. */
  private void control() throws InterruptedException {
    if (settings.control().isZero()) {
      return;
    }
    Instant from = Instant.now();
    say("control: %d fault-free minutes".formatted(settings.control().toMinutes()));
    long minutes = Math.max(1, settings.control().toSeconds() / 60);
    for (long minute = 1; minute <= minutes; minute++) {
      Thread.sleep(settings.control().toMillis() / minutes);
      say(
          "control: minute %d of %d, %d incident(s)"
              .formatted(minute, minutes, incidentsBetween(from, Instant.now()).size()));
    }
    List<Event<IncidentOpened>> found = incidentsBetween(from, Instant.now());
    controlIncidents = found.size();
    found.forEach(e -> say("  false incident: " + e.data().title()));
    awaitAllCleared();
  }

  private List<Event<IncidentOpened>> incidentsBetween(Instant from, Instant to) {
    return log.all(
        IncidentOpened.class, e -> !e.occurredAt().isBefore(from) && !e.occurredAt().isAfter(to));
  }

  private void evaluate(Scenario scenario, int run) throws Exception {
    awaitAllCleared();
    String name = scenario.fault() + " " + scenario.service() + " (run " + run + ")";
    Instant asked = Instant.now();
    inject(scenario);
    Optional<Event<FaultInjected>> injected =
        log.await(
            FaultInjected.class,
            e ->
                e.data().service().equals(scenario.service())
                    && e.data().fault().id().equals(scenario.fault())
                    && !e.occurredAt().isBefore(asked.minusSeconds(1)),
            Duration.ofSeconds(10));
    if (injected.isEmpty()) {
      throw new IllegalStateException(name + ": no FaultInjected on chaos.faults");
    }
    Instant at = injected.get().occurredAt();
    ServiceProcess target = services.get(scenario.service());
    Duration limit =
        scenario.fault().equals("memory-leak") ? Duration.ofSeconds(300) : DETECT_LIMIT;
    Optional<Event<IncidentOpened>> opened =
        log.await(IncidentOpened.class, e -> !e.occurredAt().isBefore(at), limit);
    Double detect = opened.map(e -> seconds(at, e.occurredAt())).orElse(null);
    say(
        "%s: %s"
            .formatted(
                name,
                opened
                    .map(
                        e ->
                            "incident after %.1f s: %s %s"
                                .formatted(detect, e.data().title(), e.data().services()))
                    .orElse("no incident within " + limit.toSeconds() + " s")));
    Double lead = null;
    if (scenario.endsTheProcess()) {
      Instant died;
      try {
        died = target.exited().get(300, TimeUnit.SECONDS);
      } catch (TimeoutException stillAlive) {
        say(name + ": the process is still alive 300 s after the fault; clearing it");
        clear(scenario);
        died = null;
      }
      if (opened.isPresent() && died != null && scenario.fault().equals("memory-leak")) {
        lead = seconds(opened.get().occurredAt(), died);
        say("%s: the process died %.1f s after the incident".formatted(name, lead));
      }
      target.close();
      startService(scenario.service());
    } else {
      clear(scenario);
    }
    Instant repaired = Instant.now();
    Double clearSeconds = null;
    if (opened.isPresent()) {
      String id = opened.get().incidentId();
      Optional<Event<SymptomsCleared>> cleared =
          log.await(SymptomsCleared.class, e -> id.equals(e.incidentId()), CLEAR_LIMIT);
      clearSeconds = cleared.map(e -> seconds(repaired, e.occurredAt())).orElse(null);
      say(
          "%s: %s"
              .formatted(
                  name,
                  cleared.isPresent()
                      ? "symptoms cleared %.0f s after the repair".formatted(clearSeconds)
                      : "not cleared within " + CLEAR_LIMIT.toSeconds() + " s"));
      if (cleared.isEmpty()) {
        say(name + ": anomalies since the repair: " + anomaliesSince(repaired));
      }
    }
    Thread.sleep(10_000);
    List<Event<IncidentOpened>> during = incidentsBetween(at, Instant.now());
    int extra = Math.max(0, during.size() - (opened.isPresent() ? 1 : 0));
    during.stream()
        .skip(opened.isPresent() ? 1 : 0)
        .forEach(e -> say("%s: another incident: %s".formatted(name, e.data().title())));
    outcomes.add(
        new Outcome(
            scenario,
            run,
            at,
            detect,
            opened.map(e -> e.data().services()).orElse(List.of()),
            lead,
            clearSeconds,
            extra));
  }

  /** How many anomalies of each service and signal were seen since {@code from}. */
  private Map<String, Long> anomaliesSince(Instant from) {
    Map<String, Long> counts = new TreeMap<>();
    log.all(AnomalyDetected.class, e -> !e.occurredAt().isBefore(from))
        .forEach(
            e ->
                counts.merge(
                    e.data().anomaly().service()
                        + " "
                        + e.data().anomaly().signal().name().toLowerCase(Locale.ROOT)
                        + Optional.ofNullable(e.data().anomaly().peer())
                            .map(p -> "->" + p)
                            .orElse(""),
                    1L,
                    Long::sum));
    return counts;
  }

  private void inject(Scenario scenario) throws IOException, InterruptedException {
    String query = scenario.intensity() == null ? "" : "?intensity=" + scenario.intensity();
    try {
      admin("POST", scenario, query, "injecting");
    } catch (IOException e) {
      if (!scenario.fault().equals("kill")) {
        throw e;
      }
      // a killed service may go before it answers
    }
  }

  private void clear(Scenario scenario) throws IOException, InterruptedException {
    admin("DELETE", scenario, "", "clearing");
  }

  /** Switches the scenario's fault through the service's admin endpoint, as chaos/ does. */
  private void admin(String method, Scenario scenario, String query, String doing)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(url(scenario.service(), "/admin/faults/" + scenario.fault() + query)))
            .header("X-Admin-Token", TOKEN)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          "%s %s: HTTP %d %s"
              .formatted(doing, scenario.fault(), response.statusCode(), response.body()));
    }
  }

  /** Waits until every incident opened so far has had its symptoms cleared. */
  private void awaitAllCleared() throws InterruptedException {
    long deadline = System.nanoTime() + CLEAR_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> open = openIncidents();
      if (open.isEmpty()) {
        return;
      }
      Thread.sleep(1000);
    }
    say("warning: incidents still open: " + openIncidents());
  }

  private List<String> openIncidents() {
    List<String> cleared =
        log.all(SymptomsCleared.class, e -> true).stream().map(Event::incidentId).toList();
    return log.all(IncidentOpened.class, e -> !cleared.contains(e.incidentId())).stream()
        .map(Event::incidentId)
        .toList();
  }

  private void report(List<Scenario> scenarios) throws IOException {
    System.out.println();
    System.out.printf(
        "%-17s %-15s %4s %8s %7s %7s %7s %7s %8s %6s  %s%n",
        "fault",
        "service",
        "runs",
        "detected",
        "related",
        "p50 s",
        "p95 s",
        "max s",
        "target",
        "extra",
        "verdict");
    List<String> results = new ArrayList<>();
    boolean allMet = true;
    for (Scenario scenario : scenarios) {
      List<Outcome> runs = outcomes.stream().filter(o -> o.scenario().equals(scenario)).toList();
      List<Double> times =
          runs.stream().filter(Outcome::detected).map(Outcome::detectSeconds).sorted().toList();
      long right = runs.stream().filter(o -> o.detected() && o.related(neighbours)).count();
      int extra = runs.stream().mapToInt(Outcome::extraIncidents).sum();
      boolean met;
      String target;
      String key = scenario.fault().replace('-', '_');
      if (scenario.flagBeforeDeath() != null) {
        List<Double> leads =
            runs.stream()
                .map(Outcome::leadBeforeDeathSeconds)
                .map(l -> l == null ? Double.NEGATIVE_INFINITY : l)
                .sorted()
                .toList();
        double worst = leads.isEmpty() ? Double.NEGATIVE_INFINITY : leads.get(0);
        met = worst >= scenario.flagBeforeDeath() && right == runs.size();
        target = "lead>=" + scenario.flagBeforeDeath();
        results.add(key + "_lead_min_s=" + format(worst));
      } else {
        double p95 = percentile(times, 0.95);
        met =
            times.size() == runs.size()
                && right == runs.size()
                && scenario.detectWithin() != null
                && p95 <= scenario.detectWithin();
        target = "<=" + scenario.detectWithin();
        results.add(key + "_p95_s=" + format(p95));
      }
      allMet &= met;
      System.out.printf(
          Locale.ROOT,
          "%-17s %-15s %4d %8s %7s %7s %7s %7s %8s %6d  %s%n",
          scenario.fault(),
          scenario.service(),
          runs.size(),
          times.size() + "/" + runs.size(),
          right + "/" + runs.size(),
          format(percentile(times, 0.5)),
          format(percentile(times, 0.95)),
          format(times.isEmpty() ? Double.NaN : times.get(times.size() - 1)),
          target,
          extra,
          met ? "met" : "MISSED");
    }
    outcomes.stream()
        .filter(o -> o.leadBeforeDeathSeconds() != null)
        .forEach(
            o ->
                System.out.printf(
                    "memory-leak run %d: incident %.1f s after injection, %.1f s before the process died%n",
                    o.run(), o.detectSeconds(), o.leadBeforeDeathSeconds()));
    System.out.printf(
        "control: %d incident(s) in %d fault-free minutes%n",
        controlIncidents, settings.control().toMinutes());
    int extras = outcomes.stream().mapToInt(Outcome::extraIncidents).sum();
    if (settings.json() != null) {
      writeJson(extras);
    }
    System.out.printf(
        "RESULT runs=%d %s extra_incidents=%d control_minutes=%d false_incidents=%d targets=%s%n",
        settings.runs(),
        String.join(" ", results),
        extras,
        settings.control().toMinutes(),
        controlIncidents,
        allMet && controlIncidents == 0 ? "met" : "missed");
  }

  private void writeJson(int extras) throws IOException {
    ObjectMapper json =
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("runs", settings.runs());
    report.put("controlMinutes", settings.control().toMinutes());
    report.put("controlIncidents", controlIncidents);
    report.put("extraIncidents", extras);
    report.put("outcomes", outcomes);
    json.writeValue(settings.json().toFile(), report);
    say("wrote " + settings.json());
  }

  private static double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static String format(double value) {
    return Double.isNaN(value) || Double.isInfinite(value)
        ? "-"
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private synchronized void stopAll() {
    if (traffic != null) {
      traffic.destroy();
      traffic = null;
    }
    try {
      if (scout != null) {
        scout.close();
        scout = null;
      }
      for (ServiceProcess service : services.values()) {
        service.close();
      }
      services.clear();
      if (log != null) {
        log.close();
        log = null;
      }
    } catch (IOException | InterruptedException e) {
      System.err.println("stopping: " + e);
    }
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  private static void say(String message) {
    System.out.println(CLOCK.format(Instant.now()) + " " + message);
    System.out.flush();
  }
}
