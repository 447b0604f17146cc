package io.srespace.kafka.broker;

import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Access;
import io.srespace.events.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local demo's Kafka: a persistent single-node broker with every registry topic created. Prints
 * one "ready" line when clients can connect and stops cleanly on SIGTERM or Ctrl-C.
 */
public final class StandaloneBroker {
  private static final String USAGE =
      """
      usage: kafka-broker [--port N] [--controller-port N] [--host ADDRESS] [--data DIR]
                          [--credentials DIR] [--advertise HOST:PORT]
                          [--outside-port N --outside-advertise HOST:PORT] [--ready-file FILE]
        --port             client port (default 9092)
        --controller-port  KRaft controller port (default: port + 1)
        --host             address to listen on (default 127.0.0.1)
        --data             data directory, kept across restarts (default .sre-space/kafka)
        --credentials      the users' passwords, <user>.password, made there (mode 0600) when
                           missing (default .sre-space/credentials)
        --advertise        the address clients are told to use, host:port (default: host:port
                           above, or 127.0.0.1:port when it listens on 0.0.0.0)
        --outside-port     a second client listener, for clients that reach the broker by
        --outside-advertise  another address: its port, and the host:port they use (both or none)
        --ready-file       a file written once every topic exists, removed when the broker stops
                           (a container's health check)
      """;

  private StandaloneBroker() {}

  public static void main(String[] args) {
    quietKafkaLogs();
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("kafka-broker: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    try {
      run(options.settings(), options.readyFile(), System.out);
    } catch (RuntimeException e) {
      System.err.println("kafka-broker: cannot start: " + e.getMessage());
      System.exit(1);
    }
  }

  static void run(BrokerSettings settings, Optional<Path> readyFile, PrintStream out) {
    KafkaBroker broker = KafkaBroker.start(settings);
    broker.createTopics(Topics.allWithDeadLetters());
    readyFile.ifPresent(StandaloneBroker::markReady);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  long stopping = System.nanoTime();
                  out.println("Kafka broker stopping");
                  readyFile.ifPresent(StandaloneBroker::unmarkReady);
                  broker.close();
                  out.printf(
                      "Kafka broker stopped cleanly in %d ms%n",
                      (System.nanoTime() - stopping) / 1_000_000);
                },
                "kafka-broker-shutdown"));
    out.printf(
        "Kafka broker ready in %d ms on %s (SASL %s; data %s, %d topics, %d ACLs for %s)%n",
        broker.startupTime().toMillis(),
        broker.bootstrapServers(),
        KafkaClients.MECHANISM,
        settings.dataDirectory(),
        Topics.allWithDeadLetters().size(),
        Access.bindings().size(),
        String.join(", ", Access.users()));
    broker.awaitShutdown();
  }

  /** What the command line asks for: the broker, and the file that says it is ready, if any. */
  record Options(BrokerSettings settings, Optional<Path> readyFile) {}

  static Options parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        System.out.print(USAGE);
        System.exit(0);
      }
      if (!name.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument " + name);
      }
      options.put(name.substring(2), args[++i]);
    }
    int port = number(options.remove("port"), BrokerSettings.DEFAULT_PORT, "port");
    int controllerPort = number(options.remove("controller-port"), port + 1, "controller-port");
    String host = options.getOrDefault("host", BrokerSettings.LOOPBACK);
    options.remove("host");
    Path data = Path.of(options.getOrDefault("data", ".sre-space/kafka"));
    options.remove("data");
    Path credentials = Path.of(options.getOrDefault("credentials", ".sre-space/credentials"));
    options.remove("credentials");
    String advertised = address(options.remove("advertise"), "advertise");
    String outsideAdvertised = address(options.remove("outside-advertise"), "outside-advertise");
    String outsidePort = options.remove("outside-port");
    if ((outsidePort == null) != (outsideAdvertised == null)) {
      throw new IllegalArgumentException("--outside-port and --outside-advertise go together");
    }
    Optional<Path> readyFile = Optional.ofNullable(options.remove("ready-file")).map(Path::of);
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("unknown option --" + options.keySet().iterator().next());
    }
    BrokerSettings.Outside outside =
        outsidePort == null
            ? null
            : new BrokerSettings.Outside(number(outsidePort, 0, "outside-port"), outsideAdvertised);
    return new Options(
        BrokerSettings.persistent(host, port, controllerPort, data, credentials)
            .exposed(advertised, outside),
        readyFile);
  }

  private static void markReady(Path file) {
    try {
      Files.writeString(file, "ready\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ready file " + file, e);
    }
  }

  private static void unmarkReady(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.err.println("kafka-broker: cannot remove the ready file " + file + ": " + e);
    }
  }

  private static String address(String value, String name) {
    if (value != null && !value.matches("[A-Za-z0-9.-]+:\\d{1,5}")) {
      throw new IllegalArgumentException("--" + name + " must be host:port, was " + value);
    }
    return value;
  }

  private static int number(String value, int fallback, String name) {
    if (value == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("--" + name + " must be a port between 1 and 65535");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, was " + value);
    }
  }

  /** Kafka logs a great deal at INFO; the demo wants warnings only, unless asked otherwise. */
  private static void quietKafkaLogs() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  }
}
