package io.srespace.demo.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
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
import java.util.concurrent.TimeUnit;

/**
 * A server's process (a trace backend, a collector) started for tests: its output appended to a
 * log, healthy once its health URL answers 200, stopped on close; what it printed since its start
 * is told when it fails.
 */
public final class ServerProcess implements AutoCloseable {
  private static final int LOG_TAIL = 6_000;

  private final String name;
  private final Process process;
  private final Path log;
  private final long logOffset;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private ServerProcess(String name, Process process, Path log, long logOffset) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.logOffset = logOffset;
  }

  /**
   * Starts {@code command} with its output appended to {@code log}, and returns once {@code health}
   * answers 200 within {@code limit}; otherwise stops it and fails with its output.
   */
  public static ServerProcess start(
      String name, ProcessBuilder command, Path log, URI health, Duration limit)
      throws IOException {
    Files.createDirectories(log.getParent());
    long offset = Files.exists(log) ? Files.size(log) : 0;
    Process process =
        command
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    ServerProcess server = new ServerProcess(name, process, log, offset);
    try {
      server.awaitHealthy(health, limit);
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  public HttpClient http() {
    return http;
  }

  private void awaitHealthy(URI health, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "%s exited with %d before it was healthy:%n%s"
                .formatted(name, process.exitValue(), log()));
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // It takes a moment to open its ports.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for %s at %s".formatted(name, health));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + name, e);
      }
    }
    throw new IllegalStateException(
        "%s at %s not healthy within %s:%n%s".formatted(name, health, limit, log()));
  }

  private String log() {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long from = Math.max(logOffset, file.length() - LOG_TAIL);
      byte[] tail = new byte[(int) (file.length() - from)];
      file.seek(from);
      file.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log at " + log.toAbsolutePath() + ": " + e + ")";
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

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
