package io.srespace.brain.traces;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real Zipkin server (in-memory storage) as a process on a free loopback port, for tests. */
public final class ZipkinServer implements AutoCloseable {
  private static final Path DIRECTORY = Path.of("target", "zipkin");
  private static final Path JAR = DIRECTORY.resolve("zipkin-server.jar");
  private static final Path LOG = DIRECTORY.resolve("zipkin.log");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final int LOG_TAIL = 6_000;

  private final Process process;
  private final URI baseUri;
  private final long logOffset;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ObjectMapper mapper = new ObjectMapper();

  private ZipkinServer(Process process, URI baseUri, long logOffset) {
    this.process = process;
    this.baseUri = baseUri;
    this.logOffset = logOffset;
  }

  /** Starts Zipkin and returns once its health check answers, or fails with its output. */
  public static ZipkinServer start() {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: run the build's generate-test-resources phase");
    }
    try {
      Files.createDirectories(DIRECTORY);
      long logOffset = Files.exists(LOG) ? Files.size(LOG) : 0;
      int port = freePort();
      ZipkinServer server =
          new ZipkinServer(
              command(port).start(), URI.create("http://127.0.0.1:" + port), logOffset);
      try {
        server.awaitHealthy();
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
      return server;
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
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
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
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
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
                "--armeria.ports[0].protocols[0]=http")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
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

  private void awaitHealthy() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(baseUri.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "zipkin-server exited with "
                + process.exitValue()
                + " before it was healthy:\n"
                + log());
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Zipkin takes seconds to open its port.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for zipkin at " + baseUri, e);
      }
      sleep();
    }
    throw new IllegalStateException(
        "zipkin at " + baseUri + " not healthy within " + START_TIMEOUT + ":\n" + log());
  }

  private String log() {
    try (RandomAccessFile file = new RandomAccessFile(LOG.toFile(), "r")) {
      long from = Math.max(logOffset, file.length() - LOG_TAIL);
      byte[] tail = new byte[(int) (file.length() - from)];
      file.seek(from);
      file.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log at " + LOG.toAbsolutePath() + ": " + e + ")";
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for zipkin", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
