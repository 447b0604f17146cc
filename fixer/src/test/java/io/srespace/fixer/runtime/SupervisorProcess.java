package io.srespace.fixer.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real supervisord in a child process with its own configuration, folder and free 127.0.0.1 port,
 * for tests and the restart benchmark. It never touches the system's supervisord, and a missing
 * supervisord is an error that says how to install it, never a skip.
 *
 * <p>supervisord runs under a small shell watchdog that holds this JVM's end of a pipe: when the
 * helper closes, or this JVM dies in any way, the watchdog stops supervisord, which stops its
 * programs.
 */
public final class SupervisorProcess implements AutoCloseable {
  /** System property naming the supervisord command; else SRE_SPACE_SUPERVISORD, else the PATH. */
  public static final String COMMAND_PROPERTY = "supervisord.command";

  /** Stands for the supervisord's folder in a program's command or settings. */
  public static final String FOLDER = "{folder}";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String WATCHDOG =
      """
      exec 3<&0
      "$1" -c "$0" 3<&- &
      supervisord=$!
      { cat <&3 >/dev/null; kill -TERM "$supervisord" 2>/dev/null; } &
      exec 3<&-
      wait "$supervisord"
      """;

  /**
   * A {@code [program:name]} section: its command and any other settings it needs; {@value #FOLDER}
   * in a value stands for the supervisord's folder.
   */
  public record Program(String name, String command, Map<String, String> settings) {
    public Program {
      settings = Map.copyOf(settings);
    }
  }

  /** Collects the programs and the optional credentials of the supervisord to start. */
  public static final class Builder {
    private final List<Program> programs = new ArrayList<>();
    private SupervisorRuntime.Credentials credentials;

    private Builder() {}

    /** A program started with supervisord, RUNNING once it has stayed up one second. */
    public Builder program(String name, String command) {
      return program(name, command, Map.of());
    }

    /** A program with settings that override the defaults (autostart=true, startsecs=1, …). */
    public Builder program(String name, String command, Map<String, String> settings) {
      programs.add(new Program(name, command, settings));
      return this;
    }

    /** Protects the XML-RPC server with this username and password. */
    public Builder credentials(String username, String password) {
      credentials = new SupervisorRuntime.Credentials(username, password);
      return this;
    }

    /**
     * Starts supervisord in a new temporary folder (deleted on close) and waits until it answers.
     */
    public SupervisorProcess start() {
      try {
        return SupervisorProcess.start(
            Files.createTempDirectory("supervisor-test"), programs, credentials);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a folder for supervisord", e);
      }
    }
  }

  private final Process watchdog;
  private final Path folder;
  private final URI baseUri;
  private final SupervisorRuntime.Credentials credentials;

  private SupervisorProcess(
      Process watchdog, Path folder, URI baseUri, SupervisorRuntime.Credentials credentials) {
    this.watchdog = watchdog;
    this.folder = folder;
    this.baseUri = baseUri;
    this.credentials = credentials;
  }

  public static Builder builder() {
    return new Builder();
  }

  private static SupervisorProcess start(
      Path folder, List<Program> programs, SupervisorRuntime.Credentials credentials)
      throws IOException {
    Path command = command();
    int port = freePort();
    Files.createDirectories(folder.resolve("logs"));
    Files.createDirectories(folder.resolve("env"));
    Path configuration = folder.resolve("supervisord.conf");
    Files.writeString(configuration, configuration(folder, port, programs, credentials));
    Process watchdog =
        new ProcessBuilder("bash", "-c", WATCHDOG, configuration.toString(), command.toString())
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("supervisord.out").toFile())
            .start();
    SupervisorProcess supervisor =
        new SupervisorProcess(
            watchdog, folder, URI.create("http://127.0.0.1:" + port), credentials);
    try {
      supervisor.awaitAnswer();
    } catch (RuntimeException e) {
      supervisor.close();
      throw e;
    }
    return supervisor;
  }

  /**
   * The supervisord command: the system property {@value #COMMAND_PROPERTY}, else the environment
   * variable {@code SRE_SPACE_SUPERVISORD}, else {@code supervisord} on the PATH.
   */
  public static Path command() {
    return command(
        System.getProperty(COMMAND_PROPERTY, System.getenv("SRE_SPACE_SUPERVISORD")),
        System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
  }

  static Path command(String configured, String path) {
    if (configured != null && !configured.isBlank()) {
      if (!Files.isExecutable(Path.of(configured))) {
        throw new IllegalStateException(
            "supervisord is not at %s (set by %s or SRE_SPACE_SUPERVISORD)"
                .formatted(configured, COMMAND_PROPERTY));
      }
      return Path.of(configured);
    }
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory.isEmpty() ? "." : directory, "supervisord");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        ("supervisord is not installed (not on the PATH %s). Install it with 'apt-get install"
                + " supervisor' (the Debian package is supervisor, the command supervisord), or"
                + " run './sre-space test', which installs it when run as root; or point the"
                + " system property %s or SRE_SPACE_SUPERVISORD at a supervisord command.")
            .formatted(path, COMMAND_PROPERTY));
  }

  static String configuration(
      Path folder, int port, List<Program> programs, SupervisorRuntime.Credentials credentials) {
    StringBuilder conf = new StringBuilder();
    section(
        conf,
        folder,
        "supervisord",
        Map.of(
            "nodaemon", "true",
            "pidfile", folder.resolve("supervisord.pid").toString(),
            "logfile", folder.resolve("supervisord.log").toString(),
            "childlogdir", folder.resolve("logs").toString(),
            "directory", folder.toString()));
    Map<String, String> server = new LinkedHashMap<>();
    server.put("port", "127.0.0.1:" + port);
    if (credentials != null) {
      server.put("username", credentials.username());
      server.put("password", credentials.password());
    }
    section(conf, folder, "inet_http_server", server);
    section(
        conf,
        folder,
        "rpcinterface:supervisor",
        Map.of(
            "supervisor.rpcinterface_factory", "supervisor.rpcinterface:make_main_rpcinterface"));
    section(conf, folder, "supervisorctl", Map.of("serverurl", "http://127.0.0.1:" + port));
    for (Program program : programs) {
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("command", program.command());
      settings.put("autostart", "true");
      settings.put("autorestart", "false");
      settings.put("startsecs", "1");
      settings.put("startretries", "0");
      settings.put("stopwaitsecs", "10");
      settings.put("stopasgroup", "true");
      settings.put("killasgroup", "true");
      settings.put("redirect_stderr", "true");
      settings.put("stdout_logfile", folder.resolve("logs/" + program.name() + ".log").toString());
      settings.putAll(program.settings());
      section(conf, folder, "program:" + program.name(), settings);
    }
    return conf.toString();
  }

  private static void section(
      StringBuilder conf, Path folder, String name, Map<String, String> settings) {
    conf.append('[').append(name).append("]\n");
    settings.forEach(
        (key, value) -> {
          if (value.contains("\n")) {
            throw new IllegalArgumentException(
                "supervisord setting %s of [%s] has a line break".formatted(key, name));
          }
          // supervisord expands %(name)s in its settings: a literal % is written %%.
          conf.append(key)
              .append('=')
              .append(value.replace("%", "%%").replace(FOLDER, folder.toString()))
              .append('\n');
        });
    conf.append('\n');
  }

  public URI baseUri() {
    return baseUri;
  }

  /** The folder holding the configuration, logs and {@link #environmentFolder()}. */
  public Path folder() {
    return folder;
  }

  /** Where a {@link SupervisorRuntime} made by {@link #runtime} writes {@code <service>.env}. */
  public Path environmentFolder() {
    return folder.resolve("env");
  }

  /** A runtime for this supervisord, with its credentials and the given call timeout. */
  public SupervisorRuntime runtime(Duration timeout) {
    return runtime(timeout, Map.of());
  }

  /** A runtime for this supervisord whose services map to differently named programs. */
  public SupervisorRuntime runtime(Duration timeout, Map<String, String> programs) {
    return new SupervisorRuntime(baseUri, timeout, environmentFolder(), credentials, programs);
  }

  /** Calls the XML-RPC API directly, as a test's hand outside the runtime under test. */
  Object call(String method, Object... params) throws XmlRpcClient.Fault {
    try {
      return rpcClient(Duration.ofSeconds(30)).call(method, params);
    } catch (IOException e) {
      throw new UncheckedIOException("%s on %s failed".formatted(method, baseUri), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + method, e);
    }
  }

  /** Waits until the program reports {@code stateName} (RUNNING, STOPPED, EXITED, …). */
  public void awaitState(String program, String stateName, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        if (call("supervisor.getProcessInfo", program) instanceof Map<?, ?> info) {
          last = String.valueOf(info.get("statename"));
          if (stateName.equals(last)) {
            return;
          }
        }
      } catch (XmlRpcClient.Fault e) {
        throw new IllegalStateException("supervisord does not know " + program, e);
      }
      sleep(50);
    }
    throw new IllegalStateException(
        "%s was %s, not %s, after %s; its log:%n%s"
            .formatted(program, last, stateName, timeout, programLog(program)));
  }

  /** The last lines a program wrote to its stdout and stderr. */
  public String programLog(String program) {
    return tail(folder.resolve("logs/" + program + ".log"));
  }

  public boolean isAlive() {
    return watchdog.isAlive();
  }

  private XmlRpcClient rpcClient(Duration timeout) {
    return new XmlRpcClient(
        baseUri.resolve("/RPC2"),
        timeout,
        credentials == null ? null : credentials.username(),
        credentials == null ? null : credentials.password());
  }

  private void awaitAnswer() {
    XmlRpcClient rpc = rpcClient(Duration.ofSeconds(2));
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!watchdog.isAlive()) {
        throw new IllegalStateException(
            "supervisord exited before it answered: %s%n%s"
                .formatted(
                    tail(folder.resolve("supervisord.out")),
                    tail(folder.resolve("supervisord.log"))));
      }
      try {
        if (rpc.call("supervisor.getState") instanceof Map<?, ?> state
            && "RUNNING".equals(state.get("statename"))) {
          return;
        }
      } catch (IOException | XmlRpcClient.Fault notYet) {
        // not listening, or still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for supervisord", e);
      }
      sleep(50);
    }
    throw new IllegalStateException(
        "supervisord on %s did not answer within %s: %s"
            .formatted(baseUri, READY_TIMEOUT, tail(folder.resolve("supervisord.log"))));
  }

  /**
   * Stops supervisord and its programs (SIGTERM through the watchdog; SIGKILL to whatever is left
   * after {@link #STOP_TIMEOUT}) and deletes its folder.
   */
  @Override
  public void close() {
    List<ProcessHandle> started = watchdog.descendants().toList();
    try {
      watchdog.getOutputStream().close();
      if (!watchdog.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        watchdog.destroyForcibly();
      }
    } catch (IOException e) {
      watchdog.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watchdog.destroyForcibly();
    }
    started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    deleteRecursively(folder);
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(nothing in " + file + ": " + e.getMessage() + ")";
    }
  }

  public static int freePort() {
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
      throw new IllegalStateException("interrupted while waiting for supervisord", e);
    }
  }

  private static void deleteRecursively(Path directory) {
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
