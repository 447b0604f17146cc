package io.srespace.brain.traces;

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
 * A real Jaeger v2 (built by {@code infra/jaeger/build.sh}, cached by version) with its memory
 * store, as a process on free loopback ports, for tests: spans go in as OTLP over HTTP, and the
 * query API answers on {@link #baseUri()}.
 */
public final class JaegerServer implements AutoCloseable {
  private static final Path DIRECTORY = Path.of("target", "jaeger");
  private static final Path LOG = DIRECTORY.resolve("jaeger.log");
  private static final Path BUILD = Path.of("..", "infra", "jaeger", "build.sh");
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

  private record Ports(int otlp, int query, int queryGrpc, int health) {
    static Ports free() throws IOException {
      return new Ports(
          ServerProcess.freePort(),
          ServerProcess.freePort(),
          ServerProcess.freePort(),
          ServerProcess.freePort());
    }
  }

  /** Starts Jaeger and returns once its health check answers, or fails with its output. */
  public static JaegerServer start() {
    try {
      Files.createDirectories(DIRECTORY);
      Path binary = binary();
      Ports ports = Ports.free();
      Path config = DIRECTORY.resolve("config-" + ports.query() + ".yaml");
      Files.writeString(config, config(ports));
      return new JaegerServer(
          ServerProcess.start(
              "jaeger",
              new ProcessBuilder(binary.toString(), "--config", config.toString()),
              LOG,
              URI.create("http://127.0.0.1:" + ports.health() + "/status"),
              START_TIMEOUT),
          ports);
    } catch (IOException e) {
      throw new UncheckedIOException("jaeger could not start", e);
    }
  }

  /** The query API's base, e.g. {@code http://127.0.0.1:16686}. */
  public URI baseUri() {
    return baseUri;
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

  @Override
  public void close() {
    process.close();
  }

  /** The binary of the pinned version: built once per machine by the build script, then cached. */
  private static Path binary() throws IOException {
    Path output = DIRECTORY.resolve("build.log");
    Process build =
        new ProcessBuilder("bash", BUILD.toString())
            .redirectError(ProcessBuilder.Redirect.appendTo(output.toFile()))
            .start();
    try {
      String printed = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!build.waitFor(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES) || build.exitValue() != 0) {
        throw new IllegalStateException(
            "%s did not build jaeger (log %s)".formatted(BUILD, output.toAbsolutePath()));
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
  private static String config(Ports ports) {
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
