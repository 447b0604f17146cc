package io.srespace.demo.testing;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A demo service running as its own JVM from its packaged application, as in the local demo: for
 * the faults that end a process (kill, memory-leak), which no in-process test can survive.
 */
public final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;
  private final CompletableFuture<Instant> exited;

  private ServiceProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.exited = process.onExit().thenApply(ended -> Instant.now());
  }

  /**
   * Starts {@code target/quarkus-app/quarkus-run.jar} of the module under test on a free port and
   * waits until it reports ready.
   */
  public static ServiceProcess start(String heap, Map<String, String> properties)
      throws IOException, InterruptedException {
    return start(Path.of("target", "quarkus-app", "quarkus-run.jar"), heap, properties);
  }

  /** Starts a packaged Quarkus application on a free port and waits until it reports ready. */
  public static ServiceProcess start(Path application, String heap, Map<String, String> properties)
      throws IOException, InterruptedException {
    return start(application, freePort(), List.of("-Xmx" + heap), properties);
  }

  /**
   * Starts a packaged Quarkus application on the given port with the given JVM options (it always
   * exits on an OutOfMemoryError, as in the demo) and waits until it reports ready. Properties
   * named in capitals ({@code KAFKA_PASSWORD}) are given as environment variables.
   */
  public static ServiceProcess start(
      Path application, int port, List<String> jvmOptions, Map<String, String> properties)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("service-", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Dquarkus.http.port=" + port);
    Map<String, String> environment = new HashMap<>();
    properties.forEach(
        (key, value) -> {
          // KAFKA_PASSWORD and its kind go in the environment, never on a command line.
          if (key.matches("[A-Z_]+")) {
            environment.put(key, value);
          } else {
            command.add("-D" + key + "=" + value);
          }
        });
    command.add("-jar");
    command.add(application.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServiceProcess service = new ServiceProcess(process, port, log);
    service.awaitReady(Duration.ofSeconds(60));
    return service;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** The process's resident memory in bytes, from {@code /proc}; -1 where that cannot be read. */
  public long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Completes with the time the process was seen to end. */
  public CompletableFuture<Instant> exited() {
    return exited;
  }

  /** Waits for the process to end; returns its exit code, or -1 if it is still running. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  public String output() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(log);
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("service exited early:\n" + output());
      }
      try {
        HttpResponse<String> ready =
            client.send(
                HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("service not ready within " + timeout + ":\n" + output());
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
