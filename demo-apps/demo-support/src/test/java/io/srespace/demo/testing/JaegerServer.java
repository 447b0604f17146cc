package io.srespace.demo.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Jaeger v2 (built by {@code infra/jaeger/build.sh}, cached by version) as a process on free
 * loopback ports, for tests: spans go in as OTLP over HTTP on {@link #otlpUri()}, the query API
 * answers on {@link #baseUri()}. Either its memory store alone ({@link #start()}), or the demo's
 * collector as the stack runs it ({@link #collector}: {@code infra/jaeger/collector.yaml}, which
 * also writes every span to Kafka's otlp_spans).
 */
public final class JaegerServer implements AutoCloseable {
  private static final Path DIRECTORY = Path.of("target", "jaeger");
  private static final Path LOG = DIRECTORY.resolve("jaeger.log");
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final ServerProcess process;
  private final URI baseUri;
  private final URI otlpUri;
  private final ObjectMapper mapper = new ObjectMapper();

  private JaegerServer(ServerProcess process, Ports ports) {
    this.process = process;
    this.baseUri = URI.create("http://127.0.0.1:" + ports.query());
    this.otlpUri = URI.create("http://127.0.0.1:" + ports.otlp() + "/v1/traces");
  }

  private record Ports(int otlp, int otlpGrpc, int query, int queryGrpc, int health, int metrics) {
    static Ports free() throws IOException {
      return new Ports(
          ServerProcess.freePort(),
          ServerProcess.freePort(),
          ServerProcess.freePort(),
          ServerProcess.freePort(),
          ServerProcess.freePort(),
          ServerProcess.freePort());
    }
  }

  /** Jaeger with its memory store only; returns once its health check answers. */
  public static JaegerServer start() {
    try {
      Files.createDirectories(DIRECTORY);
      Ports ports = Ports.free();
      Path config = DIRECTORY.resolve("config-" + ports.query() + ".yaml");
      Files.writeString(config, memoryOnly(ports));
      return started(new ProcessBuilder(binary().toString(), "--config", config.toString()), ports);
    } catch (IOException e) {
      throw new UncheckedIOException("jaeger could not start", e);
    }
  }

  /**
   * Jaeger as the demo's collector, with the stack's own configuration: every span it receives is
   * kept in memory and written to otlp_spans on {@code bootstrap}, logged in as {@code login}
   * ({@code KAFKA_USER}, {@code KAFKA_PASSWORD}: the telemetry user's). The password goes to its
   * environment, never to a file or its command line.
   */
  public static JaegerServer collector(String bootstrap, Map<String, String> login) {
    try {
      Files.createDirectories(DIRECTORY);
      Ports ports = Ports.free();
      ProcessBuilder command =
          new ProcessBuilder(
              binary().toString(),
              "--config",
              repository().resolve("infra/jaeger/collector.yaml").toString());
      Map<String, String> environment = command.environment();
      environment.putAll(login);
      environment.putAll(
          Map.of(
              "JAEGER_BIND", "127.0.0.1",
              "JAEGER_OTLP_HTTP_PORT", String.valueOf(ports.otlp()),
              "JAEGER_OTLP_GRPC_PORT", String.valueOf(ports.otlpGrpc()),
              "JAEGER_QUERY_PORT", String.valueOf(ports.query()),
              "JAEGER_QUERY_GRPC_PORT", String.valueOf(ports.queryGrpc()),
              "JAEGER_HEALTH_PORT", String.valueOf(ports.health()),
              "JAEGER_METRICS_PORT", String.valueOf(ports.metrics()),
              "JAEGER_MAX_TRACES", "10000",
              "KAFKA_BOOTSTRAP_SERVERS", bootstrap));
      return started(command, ports);
    } catch (IOException e) {
      throw new UncheckedIOException("jaeger could not start", e);
    }
  }

  private static JaegerServer started(ProcessBuilder command, Ports ports) throws IOException {
    return new JaegerServer(
        ServerProcess.start(
            "jaeger",
            command,
            LOG,
            URI.create("http://127.0.0.1:" + ports.health() + "/status"),
            START_TIMEOUT),
        ports);
  }

  /** The query API's base, e.g. {@code http://127.0.0.1:16686}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The OTLP/HTTP traces endpoint, where a service exports its spans. */
  public URI otlpUri() {
    return otlpUri;
  }

  /**
   * Sends one OTLP/JSON export request ({@code resourceSpans}) to Jaeger's OTLP receiver; Jaeger
   * stores the spans after its batch.
   */
  public void post(List<Map<String, Object>> resourceSpans) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(otlpUri)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(
                      mapper.writeValueAsBytes(Map.of("resourceSpans", resourceSpans))))
              .build();
      HttpResponse<String> response =
          process.http().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "jaeger's OTLP receiver at %s refused the spans: %d %s"
                .formatted(otlpUri, response.statusCode(), response.body()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("posting spans to jaeger at " + otlpUri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted posting spans to jaeger at " + otlpUri, e);
    }
  }

  /** GETs {@code path} (with its query) from the query API; the body, or a failure with it. */
  public String query(String path) {
    URI uri = baseUri.resolve(path);
    try {
      HttpResponse<String> response =
          process
              .http()
              .send(
                  HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "jaeger at %s answered %d: %s".formatted(uri, response.statusCode(), response.body()));
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("asking jaeger at " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted asking jaeger at " + uri, e);
    }
  }

  @Override
  public void close() {
    process.close();
  }

  /** The repository's root: the first folder up from here that holds infra/jaeger. */
  private static Path repository() {
    for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve("infra/jaeger/build.sh"))) {
        return folder;
      }
    }
    throw new IllegalStateException(
        "no infra/jaeger/build.sh above " + Path.of("").toAbsolutePath());
  }

  /** The binary of the pinned version: built once per machine by the build script, then cached. */
  private static Path binary() throws IOException {
    Path output = DIRECTORY.resolve("build.log");
    Path script = repository().resolve("infra/jaeger/build.sh");
    Process build =
        new ProcessBuilder("bash", script.toString())
            .redirectError(ProcessBuilder.Redirect.appendTo(output.toFile()))
            .start();
    try {
      String printed = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!build.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES) || build.exitValue() != 0) {
        throw new IllegalStateException(
            "%s did not build jaeger (log %s)".formatted(script, output.toAbsolutePath()));
      }
      List<String> lines = printed.strip().lines().toList();
      return Path.of(lines.get(lines.size() - 1));
    } catch (InterruptedException e) {
      build.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted building jaeger", e);
    }
  }

  /** Memory storage behind the query API, OTLP over HTTP in; every port on loopback. */
  private static String memoryOnly(Ports ports) {
    return """
        service:
          extensions: [jaeger_storage, jaeger_query, healthcheckv2]
          pipelines:
            traces:
              receivers: [otlp]
              processors: [batch]
              exporters: [jaeger_storage_exporter]
          telemetry:
            metrics:
              level: none
        extensions:
          healthcheckv2:
            use_v2: true
            http:
              endpoint: 127.0.0.1:%4$d
          jaeger_storage:
            backends:
              memory_store:
                memory:
                  max_traces: 10000
          jaeger_query:
            storage:
              traces: memory_store
            enable_tracing: false
            http:
              endpoint: 127.0.0.1:%2$d
            grpc:
              endpoint: 127.0.0.1:%3$d
        receivers:
          otlp:
            protocols:
              http:
                endpoint: 127.0.0.1:%1$d
        processors:
          batch:
            timeout: 100ms
        exporters:
          jaeger_storage_exporter:
            trace_storage: memory_store
        """
        .formatted(ports.otlp(), ports.query(), ports.queryGrpc(), ports.health());
  }
}
