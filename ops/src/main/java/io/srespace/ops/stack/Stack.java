package io.srespace.ops.stack;

import io.srespace.knowledge.EnvFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the local stack lives and answers: its folder ({@code SRE_SPACE_HOME}, {@code .sre-space}
 * by default), the address every part listens on ({@code SRE_SPACE_BIND}, 127.0.0.1 by default) and
 * each part's port, read from the repository's {@code .env} (the file Compose reads too) plus
 * {@code SRE_SPACE_PORT_OFFSET}, so a second stack can run beside the first.
 */
public record Stack(Path root, Path home, int offset, Map<String, Integer> ports, String bind) {
  /** Where the stack listens unless told otherwise: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

  public Stack {
    ports = Map.copyOf(ports);
    if (!IPV4.matcher(bind).matches()) {
      throw new IllegalArgumentException(
          "SRE_SPACE_BIND must be an IPv4 address (127.0.0.1, this machine only; 0.0.0.0, every"
              + " interface; or one of this machine's addresses), not '"
              + bind
              + "'");
    }
  }

  /** A stack on loopback. */
  public Stack(Path root, Path home, int offset, Map<String, Integer> ports) {
    this(root, home, offset, ports, LOOPBACK);
  }

  /** The stack of the repository at {@code root}, with the environment's folder and offset. */
  public static Stack of(Path root, Map<String, String> environment) {
    Path absolute = root.toAbsolutePath().normalize();
    Path home =
        Path.of(
                environment.getOrDefault(
                    "SRE_SPACE_HOME", absolute.resolve(".sre-space").toString()))
            .toAbsolutePath()
            .normalize();
    String offsetText = environment.getOrDefault("SRE_SPACE_PORT_OFFSET", "0").strip();
    if (!offsetText.matches("\\d{1,5}")) {
      throw new IllegalArgumentException(
          "SRE_SPACE_PORT_OFFSET must be a number, not '" + offsetText + "'");
    }
    int offset = Integer.parseInt(offsetText);
    Map<String, Integer> ports = new TreeMap<>();
    Path file = absolute.resolve(".env");
    try {
      EnvFile.parse(Files.readString(file))
          .forEach(
              (key, value) -> {
                if (key.endsWith("_PORT")) {
                  ports.put(key, port(file, key, value) + offset);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ports in " + file + ": " + e.getMessage(), e);
    }
    return new Stack(
        absolute,
        home,
        offset,
        ports,
        environment.getOrDefault("SRE_SPACE_BIND", LOOPBACK).strip());
  }

  /**
   * The Compose mode's stack of the repository at {@code root}: the ports of {@code .env} as they
   * are (no offset), and its folder ({@code SRE_SPACE_COMPOSE_HOME}, {@code .sre-space/compose} by
   * default), where docker-compose.yml's secrets step keeps the Kafka logins and the demo's admin
   * token, and the agents their board.
   */
  public static Stack compose(Path root, Map<String, String> environment) {
    Path absolute = root.toAbsolutePath().normalize();
    Map<String, String> compose = new HashMap<>(environment);
    compose.remove("SRE_SPACE_PORT_OFFSET");
    compose.put(
        "SRE_SPACE_HOME",
        absolute
            .resolve(environment.getOrDefault("SRE_SPACE_COMPOSE_HOME", ".sre-space/compose"))
            .toString());
    return of(absolute, compose);
  }

  /** The stack this process was started for: {@code -Dsre-space.root} (or here) and its env. */
  public static Stack current() {
    return of(Path.of(System.getProperty("sre-space.root", ".")), System.getenv());
  }

  private static int port(Path file, String key, String value) {
    try {
      int port = Integer.parseInt(value.strip());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "%s: %s=%s is not a port (1 to 65535)".formatted(file, key, value));
  }

  /** The port of a part ({@code quote-service} reads {@code QUOTE_SERVICE_PORT}). */
  public int port(String part) {
    String key = part.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    Integer port = ports.get(key);
    if (port == null) {
      throw new IllegalArgumentException("no port for '%s': .env sets no %s".formatted(part, key));
    }
    return port;
  }

  /** The address the stack's own parts and tools reach each other on. */
  public String host() {
    return bind.equals("0.0.0.0") ? LOOPBACK : bind;
  }

  public URI url(String part) {
    return URI.create("http://" + host() + ":" + port(part));
  }

  public String bootstrap() {
    return host() + ":" + port("kafka");
  }

  /** The Kafka users' passwords, one owner-only file each, made by {@code up}. */
  public Path credentials() {
    return home.resolve("credentials");
  }

  public Path logs() {
    return home.resolve("logs");
  }

  public Path log(String part) {
    return logs().resolve(part + ".log");
  }

  /** The environment files the demo services run with (Fixer rewrites them on a redeploy). */
  public Path deployed() {
    return home.resolve("env");
  }

  /**
   * A demo service's data directory, on a volume of its own where {@code up} could mount one; empty
   * for a service that keeps no data (only policy-service does: its policies' documents).
   */
  public Optional<Path> data(String service) {
    return service.equals("policy-service")
        ? Optional.of(home.resolve("data").resolve(service))
        : Optional.empty();
  }

  public Path board() {
    return home.resolve("board.git");
  }

  public Path gitops() {
    return home.resolve("gitops.git");
  }

  public Path topology() {
    return home.resolve("topology.yaml");
  }

  public Path supervisorConf() {
    return home.resolve("supervisor/supervisord.conf");
  }

  /** The GitOps seed: each demo service's configuration as the repository holds it. */
  public Path seed() {
    return root.resolve("infra/gitops");
  }

  /** The token of the demo services' fault admin endpoint ({@code up} writes it). */
  public String adminToken() {
    Path file = home.resolve("admin-token");
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "no admin token in " + file + ": is the stack up (./sre-space up)?", e);
    }
  }
}
