package io.srespace.brain.traces;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.srespace.demo.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real Zipkin server (in-memory storage) as a process on a free loopback port, for tests. */
public final class ZipkinServer implements AutoCloseable {
  private static final Path DIRECTORY = Path.of("target", "zipkin");
  private static final Path JAR = DIRECTORY.resolve("zipkin-server.jar");
  private static final Path LOG = DIRECTORY.resolve("zipkin.log");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ServerProcess process;
  private final URI baseUri;
  private final ObjectMapper mapper = new ObjectMapper();

  private ZipkinServer(ServerProcess process, URI baseUri) {
    this.process = process;
    this.baseUri = baseUri;
  }

  /** Starts Zipkin and returns once its health check answers, or fails with its output. */
  public static ZipkinServer start() {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: run the build's generate-test-resources phase");
    }
    try {
      int port = ServerProcess.freePort();
      URI base = URI.create("http://127.0.0.1:" + port);
      return new ZipkinServer(
          ServerProcess.start(
              "zipkin-server", command(port), LOG, base.resolve("/health"), START_TIMEOUT),
          base);
    } catch (IOException e) {
      throw new UncheckedIOException("zipkin-server could not start", e);
    }
  }

  public URI baseUri() {
    return baseUri;
  }

  /** Sends spans in Zipkin's v2 JSON to its HTTP collector; Zipkin stores them asynchronously. */
  public void post(List<Map<String, Object>> spans) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(baseUri.resolve("/api/v2/spans"))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(spans)))
              .build();
      HttpResponse<String> response =
          process.http().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202) {
        throw new IllegalStateException(
            "zipkin at "
                + baseUri
                + " refused "
                + spans.size()
                + " spans: "
                + response.statusCode()
                + " "
                + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("posting spans to zipkin at " + baseUri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted posting spans to zipkin at " + baseUri, e);
    }
  }

  @Override
  public void close() {
    process.close();
  }

  /**
   * Zipkin binds every interface unless Armeria's port list says otherwise, and a port list given
   * on the command line replaces the configured one whole, so it names port, address and protocol.
   * Collectors that an inherited environment variable could switch on are kept off.
   */
  private static ProcessBuilder command(int port) {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar",
            JAR.toString(),
            "--armeria.ports[0].port=" + port,
            "--armeria.ports[0].ip=127.0.0.1",
            "--armeria.ports[0].protocols[0]=http");
    Map<String, String> env = builder.environment();
    env.put("QUERY_PORT", String.valueOf(port));
    env.put("STORAGE_TYPE", "mem");
    env.put("SELF_TRACING_ENABLED", "false");
    env.put("COLLECTOR_GRPC_ENABLED", "false");
    env.put("COLLECTOR_KAFKA_ENABLED", "false");
    env.put("COLLECTOR_RABBITMQ_ENABLED", "false");
    env.put("COLLECTOR_ACTIVEMQ_ENABLED", "false");
    env.put("COLLECTOR_PULSAR_ENABLED", "false");
    env.put("DISCOVERY_EUREKA_ENABLED", "false");
    return builder;
  }
}
