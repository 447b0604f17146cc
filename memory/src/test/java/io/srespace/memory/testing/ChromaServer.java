package io.srespace.memory.testing;

import java.io.IOException;
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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Chroma server in a child process, on a free 127.0.0.1 port with its own data folder, for
 * tests and benchmarks. It runs the server {@code ./sre-space} installs (npm {@code chromadb});
 * {@link #command()} says where it is looked for, and a missing one is an error, never a skip.
 */
public final class ChromaServer implements AutoCloseable {
  /** System property naming the installed {@code chroma} command; Maven's surefire sets it. */
  public static final String COMMAND_PROPERTY = "chroma.command";

  private static final Path DEFAULT_COMMAND = Path.of(".sre-space/chroma/node_modules/.bin/chroma");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final URI baseUri;
  private final Path data;
  private final boolean temporaryData;
  private final Path log;

  private ChromaServer(Process process, URI baseUri, Path data, boolean temporaryData, Path log) {
    this.process = process;
    this.baseUri = baseUri;
    this.data = data;
    this.temporaryData = temporaryData;
    this.log = log;
  }

  /** Starts a server on a free port with a new temporary data folder, deleted when it closes. */
  public static ChromaServer start() {
    try {
      return start(Files.createTempDirectory("chroma-test"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data folder for Chroma", e);
    }
  }

  /** Starts a server on a free port over {@code data}, which is kept when it closes. */
  public static ChromaServer start(Path data) {
    return start(data, false);
  }

  /** Starts a server on {@code port} over {@code data}, which is kept when it closes. */
  public static ChromaServer start(Path data, int port) {
    return start(data, false, port);
  }

  private static ChromaServer start(Path data, boolean temporaryData) {
    return start(data, temporaryData, freePort());
  }

  private static ChromaServer start(Path data, boolean temporaryData, int port) {
    Path command = command();
    Path log = data.resolve("chroma.log");
    Process process;
    try {
      Files.createDirectories(data);
      process =
          new ProcessBuilder(
                  "node",
                  command.toString(),
                  "run",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(port),
                  "--path",
                  data.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start Chroma (%s) with node: %s".formatted(command, e.getMessage()), e);
    }
    ChromaServer server =
        new ChromaServer(process, URI.create("http://127.0.0.1:" + port), data, temporaryData, log);
    try {
      server.awaitHeartbeat();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * The installed {@code chroma} command: the system property {@value #COMMAND_PROPERTY}, else the
   * environment variable {@code SRE_SPACE_CHROMA}, else {@code .sre-space/chroma} of this checkout
   * (looked for from the working folder upwards).
   */
  public static Path command() {
    return command(System.getProperty(COMMAND_PROPERTY, System.getenv("SRE_SPACE_CHROMA")));
  }

  static Path command(String configured) {
    Path command = configured == null || configured.isBlank() ? findDefault() : Path.of(configured);
    if (!Files.exists(command)) {
      throw new IllegalStateException(
          ("Chroma is not installed: %s does not exist. Install it with './sre-space chroma' (or"
                  + " './sre-space test', which installs it before the tests; it needs Node.js 20"
                  + " and npm), or point the system property %s or SRE_SPACE_CHROMA at an"
                  + " installed chroma command.")
              .formatted(command.toAbsolutePath().normalize(), COMMAND_PROPERTY));
    }
    return command;
  }

  private static Path findDefault() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(DEFAULT_COMMAND))) {
        return dir.resolve(DEFAULT_COMMAND);
      }
    }
    return DEFAULT_COMMAND;
  }

  public URI baseUri() {
    return baseUri;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path dataDirectory() {
    return data;
  }

  /** The server's resident memory in bytes, from {@code /proc}; -1 where that cannot be read. */
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

  private void awaitHeartbeat() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest heartbeat =
        HttpRequest.newBuilder(baseUri.resolve("/api/v2/heartbeat"))
            .timeout(Duration.ofSeconds(1))
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Chroma exited with %d before it answered: %s"
                .formatted(process.exitValue(), output()));
      }
      try {
        if (http.send(heartbeat, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Chroma", e);
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "Chroma on %s did not answer its heartbeat within %s: %s"
            .formatted(baseUri, READY_TIMEOUT, output()));
  }

  private String output() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and deletes a temporary data folder. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    if (temporaryData) {
      deleteRecursively(data);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Chroma", e);
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
