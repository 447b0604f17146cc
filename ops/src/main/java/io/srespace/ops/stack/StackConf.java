package io.srespace.ops.stack;

import io.srespace.board.github.GitHubSettings;
import io.srespace.ops.approval.Approver;
import io.srespace.ops.chaos.HostChaos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The supervisord configuration of the local stack: one program per part, none started by
 * supervisord itself ({@code up} starts them in waves), the infrastructure and the agents restarted
 * when they die and the demo services left to Fixer.
 */
public final class StackConf {

  /** Java options of the demo services (as in production: the JVM ends on OutOfMemoryError). */
  static final String DEMO_JAVA =
      "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

  /** Who Fixer is to supervisord's HTTP port (its password is generated per stack). */
  static final String SUPERVISOR_USER = "fixer";

  /** The setting that turns the console's chaos lab on: {@code SRE_SPACE_CHAOS_LAB=on}. */
  public static final String CHAOS_LAB = "SRE_SPACE_CHAOS_LAB";

  static final String AGENT_JAVA = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  private final Stack stack;
  private final Map<String, String> environment;

  /** {@code environment}: the launcher's, for the journey rate and the agents' options. */
  public StackConf(Stack stack, Map<String, String> environment) {
    this.stack = stack;
    this.environment = environment;
  }

  // startsecs=0: supervisorctl start returns at once; up waits for each part's own readiness
  // check instead, and sees a part that died while starting by its state.

  /** Writes the configuration (replaced whole: {@code up} rewrites it every time). */
  public void write() throws IOException {
    Files.createDirectories(stack.supervisorConf().getParent());
    Files.createDirectories(stack.logs());
    // Readable by its owner only (Java creates temporary files so): it holds the HTTP password.
    Path temporary =
        Files.createTempFile(stack.supervisorConf().getParent(), "supervisord.conf", ".new");
    Files.writeString(temporary, text());
    Files.move(
        temporary,
        stack.supervisorConf(),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  String text() throws IOException {
    Path root = stack.root();
    Path home = stack.home();
    StringBuilder conf = new StringBuilder();
    conf.append(
        """
        ; Written by ./sre-space up (io.srespace.ops.stack.StackConf); rewritten on every up.
        [unix_http_server]
        file=%1$s/supervisor/supervisor.sock
        chmod=0700

        [inet_http_server]
        port=%7$s:%2$d
        username=%5$s
        password=%6$s

        [supervisord]
        logfile=%3$s/supervisord.log
        pidfile=%1$s/supervisor/supervisord.pid
        directory=%4$s
        childlogdir=%3$s

        [rpcinterface:supervisor]
        supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

        [supervisorctl]
        serverurl=unix://%1$s/supervisor/supervisor.sock
        """
            .formatted(
                home,
                stack.port("supervisor"),
                stack.logs(),
                root,
                SUPERVISOR_USER,
                escape(Secrets.generated(stack, "supervisor-password")),
                stack.bind()));

    String broker = root.resolve("infra/kafka-broker/target").toString();
    program(
        conf,
        "kafka",
        "java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp %s/classes:%s io.srespace.kafka.broker.StandaloneBroker --host %s --port %d --data %s --credentials %s"
            .formatted(
                broker,
                Files.readString(Path.of(broker, "runtime-classpath.txt")).strip(),
                stack.bind(),
                stack.port("kafka"),
                home.resolve("kafka"),
                stack.credentials()),
        true,
        Map.of());
    program(
        conf,
        "chroma",
        "node %s run --host %s --port %d --path %s"
            .formatted(
                chromaBinary(root),
                stack.bind(),
                stack.port("chroma"),
                home.resolve("chroma-data")),
        true,
        Map.of());
    // Jaeger is always the collector (OTLP in, otlp_spans out for Scout); Zipkin, when chosen, is
    // the trace store Brain reads instead of Jaeger's.
    TraceBackend traces = TraceBackend.of(environment);
    jaeger(conf);
    if (traces == TraceBackend.ZIPKIN) {
      zipkin(conf);
    }

    Map<String, String> demo =
        ordered(
            "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrap(),
            "QUARKUS_HTTP_HOST", stack.bind(),
            "DEMO_ADMIN_TOKEN", stack.adminToken(),
            // Where a fault that outlives a restart (slow queries) is kept: the deployment's.
            "DEMO_FAULTS_STATE_DIR", home.resolve("fault-state").toString(),
            "QUOTE_SERVICE_PORT", String.valueOf(stack.port("quote-service")),
            "POLICY_SERVICE_PORT", String.valueOf(stack.port("policy-service")),
            "USER_SERVICE_PORT", String.valueOf(stack.port("user-service")),
            "USER_SERVICE_URL", stack.url("user-service").toString(),
            "POLICY_SERVICE_URL", stack.url("policy-service").toString());
    // The services export standard OTLP to the collector, and to Zipkin too when Brain reads it.
    demo.put("OTLP_TRACES_ENDPOINT", stack.url("jaeger-otlp-http") + "/v1/traces");
    if (traces == TraceBackend.ZIPKIN) {
      demo.put("ZIPKIN_ENDPOINT", stack.url("zipkin") + "/api/v2/spans");
    }
    for (String service : LocalStack.DEMO_SERVICES) {
      Map<String, String> own = new LinkedHashMap<>(demo);
      stack.data(service).ifPresent(data -> own.put("DEMO_DATA_DIR", data.toString()));
      program(
          conf,
          service,
          withEnvironmentFiles(
              List.of(stack.deployed().resolve(service + ".env"), Secrets.file(stack, service)),
              HostChaos.joinCpuQuota(stack.port(service))
                  + " exec "
                  + quarkus(DEMO_JAVA, root.resolve("demo-apps/" + service))),
          false,
          own);
    }
    program(
        conf,
        "traffic",
        "java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp %s io.srespace.demo.traffic.TrafficGenerator --target %s --rate %s --report-every 60"
            .formatted(
                root.resolve("demo-apps/traffic-generator/target/classes"),
                stack.url("quote-service"),
                environment.getOrDefault("SRE_SPACE_RATE", "20")),
        true,
        Map.of());

    Map<String, String> agents =
        ordered(
            "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrap(),
            "QUARKUS_HTTP_HOST", stack.bind(),
            "SCOUT_PORT", String.valueOf(stack.port("scout")),
            "BRAIN_PORT", String.valueOf(stack.port("brain")),
            "FIXER_PORT", String.valueOf(stack.port("fixer")),
            "MEMORY_PORT", String.valueOf(stack.port("memory")),
            "CONSOLE_PORT", String.valueOf(stack.port("console")));
    agent(conf, "memory", agents, ordered("CHROMA_URL", stack.url("chroma").toString()));
    agent(
        conf,
        "brain",
        agents,
        ordered(
            "BRAIN_TOPOLOGY", stack.topology().toString(),
            "BRAIN_GITOPS", stack.deployed().toString(),
            "BRAIN_TRACES", traces.part(),
            "BRAIN_TRACES_URL", stack.url(traces.part()).toString(),
            "MEMORY_URL", stack.url("memory").toString(),
            "BRAIN_BOARD", stack.board().toString(),
            "BRAIN_LLM", environment.getOrDefault("BRAIN_LLM", "false"),
            "OPENAI_BASE_URL", environment.getOrDefault("OPENAI_BASE_URL", "")));
    agent(
        conf,
        "fixer",
        agents,
        ordered(
            "FIXER_TOPOLOGY", stack.topology().toString(),
            "FIXER_RUNTIME", "supervisor",
            "SUPERVISOR_URL", stack.url("supervisor").toString(),
            "FIXER_ENV_DIR", stack.deployed().toString(),
            "FIXER_GITOPS_REPO", stack.gitops().toString(),
            "FIXER_GITOPS_SEED", stack.seed().toString(),
            "FIXER_BOARD", stack.board().toString(),
            "FIXER_APPROVER_KEYS", stack.home().resolve("approver-keys").toString(),
            "FIXER_KILL_SWITCH_FILE", home.resolve("fixer.stop").toString()));
    agent(
        conf,
        "scout",
        agents,
        ordered(
            "SCOUT_TOPOLOGY", stack.topology().toString(),
            "SCOUT_STATE_DIR", home.resolve("scout-state").toString(),
            "SCOUT_BOARD", stack.board().toString(),
            "SCOUT_QUIET_PERIOD", environment.getOrDefault("SRE_SPACE_QUIET_PERIOD", "10s")));
    // The console reads the bus as its own user and links each incident's traces to Jaeger; its
    // chaos lab is on only when asked for (the services' admin token is then in its secrets file).
    Map<String, String> console = ordered("CONSOLE_TRACES_URL", stack.url("jaeger").toString());
    // Answers to Fixer from the page go on the local board; with GitHub (by the agents' own rule:
    // a token and a repository), on the issue itself.
    Optional<GitHubSettings> github = GitHubSettings.fromEnvironment(environment);
    if (github.isEmpty()) {
      console.put("CONSOLE_BOARD", stack.board().toString());
      console.put("CONSOLE_APPROVER_KEYS", Approver.publicKeys(stack).toString());
    } else {
      console.put(
          "CONSOLE_ISSUES_URL", "https://github.com/" + github.get().repository() + "/issues/");
    }
    if (chaosLab(environment)) {
      console.put("CONSOLE_CHAOS_LAB_ENABLED", "true");
      console.put(
          "CONSOLE_CHAOS_LAB_SERVICES",
          LocalStack.DEMO_SERVICES.stream()
              .map(service -> service + "=" + stack.url(service))
              .collect(Collectors.joining(",")));
    }
    agent(conf, "console", agents, console);
    return conf.toString();
  }

  /** Whether the console's chaos lab is on: {@code SRE_SPACE_CHAOS_LAB=on}; off by default. */
  static boolean chaosLab(Map<String, String> environment) {
    return environment.getOrDefault(CHAOS_LAB, "off").equalsIgnoreCase("on");
  }

  /** Zipkin keeps spans in memory: MEM_MAX_SPANS bounds them (about 10 minutes of the demo). */
  private void zipkin(StringBuilder conf) {
    program(
        conf,
        "zipkin",
        "java -Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -jar %s --armeria.ports[0].port=%d --armeria.ports[0].ip=%s --armeria.ports[0].protocols[0]=http"
            .formatted(
                stack.root().resolve("brain/target/zipkin/zipkin-server.jar"),
                stack.port("zipkin"),
                stack.bind()),
        true,
        ordered(
            "QUERY_PORT", String.valueOf(stack.port("zipkin")),
            "STORAGE_TYPE", "mem",
            "MEM_MAX_SPANS", "80000",
            "SELF_TRACING_ENABLED", "false",
            "COLLECTOR_KAFKA_ENABLED", "false",
            "COLLECTOR_RABBITMQ_ENABLED", "false",
            "COLLECTOR_ACTIVEMQ_ENABLED", "false",
            "COLLECTOR_GRPC_ENABLED", "false"));
  }

  /**
   * Jaeger v2 as the demo's collector (infra/jaeger/collector.yaml): every port from .env, its
   * Kafka login (the telemetry user's) from its own secrets file, at most 20,000 traces in memory
   * (about 15 minutes of the demo's journeys).
   */
  private void jaeger(StringBuilder conf) {
    program(
        conf,
        "jaeger",
        withEnvironmentFiles(
            List.of(Secrets.file(stack, "jaeger")),
            "exec %s --config %s"
                .formatted(
                    TraceBackend.jaegerBinary(environment),
                    stack.root().resolve("infra/jaeger/collector.yaml"))),
        true,
        ordered(
            "JAEGER_BIND", stack.bind(),
            "JAEGER_QUERY_PORT", String.valueOf(stack.port("jaeger")),
            "JAEGER_QUERY_GRPC_PORT", String.valueOf(stack.port("jaeger-query-grpc")),
            "JAEGER_OTLP_HTTP_PORT", String.valueOf(stack.port("jaeger-otlp-http")),
            "JAEGER_OTLP_GRPC_PORT", String.valueOf(stack.port("jaeger-otlp-grpc")),
            "JAEGER_HEALTH_PORT", String.valueOf(stack.port("jaeger-health")),
            "JAEGER_METRICS_PORT", String.valueOf(stack.port("jaeger-metrics")),
            "JAEGER_MAX_TRACES", "20000",
            "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrap()));
  }

  /** Where {@code ./sre-space chroma} installs the Chroma server. */
  public static Path chromaBinary(Path root) {
    return root.resolve(".sre-space/chroma/node_modules/.bin/chroma");
  }

  /**
   * An agent reads its own environment file ({@code env/<agent>.env}, e.g. the evaluation's limits
   * for Fixer), the agents' secrets file ({@code secrets.env}) and its own ({@code
   * secrets/<agent>.env}: its Kafka login), both mode 0600, so no secret is written here.
   */
  private void agent(
      StringBuilder conf, String name, Map<String, String> common, Map<String, String> own) {
    Map<String, String> environment = new LinkedHashMap<>(common);
    environment.putAll(own);
    program(
        conf,
        name,
        withEnvironmentFiles(
            List.of(
                stack.deployed().resolve(name + ".env"),
                Secrets.file(stack),
                Secrets.file(stack, name)),
            "exec " + quarkus(AGENT_JAVA, stack.root().resolve(name))),
        true,
        environment);
  }

  /** The java command of a module's packaged Quarkus application. */
  private static String quarkus(String options, Path module) {
    return "java %s -jar %s"
        .formatted(options, module.resolve("target/quarkus-app/quarkus-run.jar"));
  }

  /**
   * The command run by bash after it exported each file that exists (KEY=value lines): its last
   * words {@code exec} the program.
   */
  private static String withEnvironmentFiles(List<Path> files, String command) {
    String sources =
        files.stream()
            .map(file -> "[ -f %1$s ] && . %1$s;".formatted(file))
            .collect(Collectors.joining(" "));
    return "bash -c 'set -a; %s %s'".formatted(sources, command);
  }

  private void program(
      StringBuilder conf,
      String name,
      String command,
      boolean restart,
      Map<String, String> environment) {
    conf.append(
        """

        [program:%1$s]
        command=%2$s
        directory=%3$s
        autostart=false
        autorestart=%4$s
        startsecs=0
        stopwaitsecs=%6$d
        stopasgroup=true
        killasgroup=true
        redirect_stderr=true
        stdout_logfile=%5$s
        stdout_logfile_maxbytes=20MB
        stdout_logfile_backups=1
        """
            .formatted(
                name,
                escape(command),
                stack.root(),
                restart,
                escape(stack.log(name).toString()),
                // A demo service stops in well under a second (0.3 s measured); one that does not
                // (stopped, hung, or still answering slow requests) is killed after 2 s rather than
                // 15, so Fixer's restart of a hang is not 13 s longer than it needs to be. The
                // agents keep 15 s to leave their groups.
                LocalStack.DEMO_SERVICES.contains(name) ? 2 : 15));
    if (!environment.isEmpty()) {
      conf.append("environment=")
          .append(
              environment.entrySet().stream()
                  .map(entry -> "%s=\"%s\"".formatted(entry.getKey(), escape(entry.getValue())))
                  .collect(Collectors.joining(",")))
          .append('\n');
    }
  }

  /** supervisord expands {@code %(name)s} in values: a literal percent sign is doubled. */
  private static String escape(String value) {
    if (value.contains("\"") || value.contains("\n")) {
      throw new IllegalArgumentException(
          "a value of the stack's configuration has a quote or newline");
    }
    return value.replace("%", "%%");
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
