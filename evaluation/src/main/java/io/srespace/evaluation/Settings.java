package io.srespace.evaluation;

import io.srespace.board.github.GitHubSettings;
import io.srespace.events.Fault;
import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Principal;
import io.srespace.ops.stack.Stack;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one evaluation does and where the running stack is: read from the command line the launcher
 * passes, with the defaults of the mode.
 */
public record Settings(
    Mode mode,
    int runs,
    List<String> faults,
    Duration control,
    Path json,
    Path root,
    boolean compose,
    String kafka,
    Path credentials,
    URI memoryUrl,
    Path board,
    Optional<GitHubSettings> github,
    Limits limits) {

  /**
   * A guided tour of a few faults, the full evaluation of every fault, or a seeded draw of faults
   * on every service they apply to.
   */
  public enum Mode {
    TOUR,
    EVAL,
    MATRIX;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How long each stage may take: detection, a whole run, the launcher's injection, Memory and the
   * board after the post-mortem, the quiet time that ends a settle, a settle, how far back the
   * timeline reads at start (to know incidents still open), and the time between the injections of
   * overlapping faults (the first is being handled by then).
   */
  public record Limits(
      Duration detect,
      Duration run,
      Duration injection,
      Duration afterPostmortem,
      Duration quiet,
      Duration settle,
      Duration lookback,
      Duration overlapGap) {
    public static Limits defaults() {
      return new Limits(
          Duration.ofSeconds(90),
          Duration.ofSeconds(300),
          Duration.ofSeconds(120),
          Duration.ofSeconds(60),
          Duration.ofSeconds(15),
          Duration.ofSeconds(300),
          Duration.ofMinutes(10),
          Duration.ofSeconds(10));
    }
  }

  /** Every fault of the catalogue, in the order of DESIGN.md. */
  public static final List<String> CATALOGUE =
      List.of(
          "kill",
          "memory-leak",
          "latency",
          "error-rate",
          "conversion-break",
          "db-pool",
          "dependency-down",
          "bad-release");

  public static final List<String> TOUR_FAULTS =
      List.of("kill", "conversion-break", "db-pool", "bad-release");

  public static final String USAGE =
      """
      usage: evaluation [--mode tour|eval (eval)] [--runs N (tour 1, eval 5)]
                        [--faults a,b,... (tour kill,conversion-break,db-pool,bad-release; eval all eight;
                         fault@service aims a fault at another service; a+b: overlapping faults)]
                        [--matrix --seed S [--cases N (each case once)]: faults drawn on every service they apply to]
                        [--control-minutes M (tour 0, eval 10)] [--json FILE]
                        [--root DIR (.)] [--compose] [--kafka BOOTSTRAP] [--credentials DIR]
                        [--memory-url URL] [--board DIR]
        (the last four default to the local stack's, from ROOT/.env, SRE_SPACE_HOME and
        SRE_SPACE_PORT_OFFSET, or with --compose to the Compose stack's: .env's ports and
        ROOT/.sre-space/compose; GitHub is the board when GITHUB_TOKEN and GITHUB_REPOSITORY are set)
      """;

  private static final Set<String> OPTIONS =
      Set.of(
          "mode",
          "runs",
          "faults",
          "control-minutes",
          "json",
          "root",
          "kafka",
          "credentials",
          "memory-url",
          "board",
          "matrix",
          "compose",
          "seed",
          "cases");

  public Settings {
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be 1 or more, was " + runs);
    }
    if (control.isNegative()) {
      throw new IllegalArgumentException("--control-minutes must not be negative");
    }
    faults = List.copyOf(faults);
    if (faults.isEmpty()) {
      throw new IllegalArgumentException("--faults names no fault");
    }
  }

  /**
   * Reads the command line; {@code environment} supplies the GitHub board settings.
   *
   * @throws IllegalArgumentException naming the first bad argument
   */
  public static Settings parse(List<String> args, Map<String, String> environment) {
    Map<String, String> options = options(args);
    Mode mode =
        options.containsKey("matrix") ? Mode.MATRIX : mode(options.getOrDefault("mode", "eval"));
    boolean tour = mode == Mode.TOUR;
    List<String> faults;
    if (mode == Mode.MATRIX) {
      if (!options.containsKey("seed") || options.containsKey("faults")) {
        throw new IllegalArgumentException(
            "--matrix draws its cases with --seed S [--cases N]; it takes no --faults");
      }
      faults =
          Matrix.draw(
              whole("seed", options.get("seed")),
              whole("cases", options.getOrDefault("cases", String.valueOf(Matrix.DEFAULT_CASES))));
    } else {
      if (options.containsKey("seed") || options.containsKey("cases")) {
        throw new IllegalArgumentException("--seed and --cases go with --matrix");
      }
      faults = faults(options.get("faults"), tour ? TOUR_FAULTS : CATALOGUE);
    }
    Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
    boolean compose = options.containsKey("compose");
    Supplier<Stack> stack =
        () -> compose ? Stack.compose(root, environment) : Stack.of(root, environment);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return new Settings(
        mode,
        whole("runs", options.getOrDefault("runs", tour || mode == Mode.MATRIX ? "1" : "5")),
        faults,
        minutes(options.getOrDefault("control-minutes", tour ? "0" : "10")),
        options.containsKey("json")
            ? absolute(options.get("json"))
            : stack.get().home().resolve(mode.id() + "-" + stamp + ".json"),
        root,
        compose,
        options.containsKey("kafka") ? options.get("kafka") : stack.get().bootstrap(),
        options.containsKey("credentials")
            ? absolute(options.get("credentials"))
            : stack.get().credentials(),
        options.containsKey("memory-url")
            ? uri(options.get("memory-url"))
            : stack.get().url("memory"),
        options.containsKey("board") ? absolute(options.get("board")) : stack.get().board(),
        GitHubSettings.of(
            Optional.ofNullable(environment.get("GITHUB_TOKEN")).filter(s -> !s.isBlank()),
            Optional.ofNullable(environment.get("GITHUB_REPOSITORY")).filter(s -> !s.isBlank()),
            environment.getOrDefault("GITHUB_API_URL", GitHubSettings.DEFAULT_ENDPOINT)),
        Limits.defaults());
  }

  public Settings withLimits(Limits limits) {
    return new Settings(
        mode,
        runs,
        faults,
        control,
        json,
        root,
        compose,
        kafka,
        credentials,
        memoryUrl,
        board,
        github,
        limits);
  }

  /** Memory's API key, from the credentials folder ({@code memory.api-key}). */
  public String memoryApiKey() {
    return Credentials.existing(credentials.resolve("memory.api-key"));
  }

  /** The evaluator's Kafka settings: it reads every event topic and may write none. */
  public Map<String, Object> evaluatorKafka() {
    String user = Principal.EVALUATOR.user();
    return KafkaClients.config(kafka, user, Credentials.existingPassword(credentials, user));
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected --option, found '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (name.equals("matrix") || name.equals("compose")) {
        value = "true"; // a flag (--matrix: the cases come from --seed and --cases)
      } else if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      if (options.put(name, value) != null) {
        throw new IllegalArgumentException("--" + name + " given twice");
      }
    }
    return options;
  }

  private static Mode mode(String value) {
    return switch (value) {
      case "tour" -> Mode.TOUR;
      case "eval" -> Mode.EVAL;
      default ->
          throw new IllegalArgumentException(
              "--mode must be tour or eval (or give --matrix), was " + value);
    };
  }

  private static int whole(String option, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + option + " must be a whole number, was " + value);
    }
  }

  private static Duration minutes(String value) {
    try {
      double minutes = Double.parseDouble(value.strip());
      if (minutes < 0 || Double.isNaN(minutes) || Double.isInfinite(minutes)) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(Math.round(minutes * 60_000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--control-minutes must be a number of minutes, 0 or more, was " + value);
    }
  }

  private static List<String> faults(String value, List<String> defaults) {
    if (value == null) {
      return defaults;
    }
    List<String> faults =
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String entry : faults.stream().flatMap(f -> Arrays.stream(f.split("\\+"))).toList()) {
      String[] parts = entry.split("@", 2);
      if (Fault.fromId(parts[0]).isEmpty()) {
        throw new IllegalArgumentException(
            "unknown fault '%s' (known: %s)".formatted(parts[0], String.join(", ", CATALOGUE)));
      }
      if (parts.length == 2 && !Matrix.SERVICES.contains(parts[1])) {
        throw new IllegalArgumentException(
            "unknown service '%s' in %s (known: %s)"
                .formatted(parts[1], entry, String.join(", ", Matrix.SERVICES)));
      }
    }
    return faults;
  }

  private static Path absolute(String path) {
    return Path.of(path).toAbsolutePath().normalize();
  }

  private static URI uri(String value) {
    try {
      URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--memory-url must be an http URL, was " + value);
    }
  }
}
