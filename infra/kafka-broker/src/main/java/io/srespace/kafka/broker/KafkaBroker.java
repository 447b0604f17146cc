package io.srespace.kafka.broker;

import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.topics.Access;
import io.srespace.events.topics.CreateTopics;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in this JVM: one KRaft node acting as broker and controller. Tests get
 * one per JVM through {@link #shared()}; the standalone demo broker is the same class with
 * persistent settings.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static KafkaBroker shared;

  private final BrokerSettings settings;
  private final KafkaRaftServer server;
  private final Duration startupTime;
  private boolean closed;

  private KafkaBroker(BrokerSettings settings, KafkaRaftServer server, Duration startupTime) {
    this.settings = settings;
    this.server = server;
    this.startupTime = startupTime;
  }

  /**
   * The broker of this JVM, started on first use with every registry topic created, and stopped
   * when the JVM exits. Test extensions and Quarkus test resources share it.
   */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      KafkaBroker broker = start(BrokerSettings.ephemeral());
      broker.createTopics(Topics.allWithDeadLetters());
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
      shared = broker;
    }
    return shared;
  }

  /** Formats the data directory if it is new, starts the broker and waits until it answers. */
  public static KafkaBroker start(BrokerSettings settings) {
    requireFree(settings.host(), settings.port());
    requireFree(BrokerSettings.LOOPBACK, settings.controllerPort());
    long started = System.nanoTime();
    Properties properties = settings.serverProperties();
    format(settings, properties);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
    server.startup();
    try {
      awaitReady(settings);
      Security.apply(settings);
    } catch (RuntimeException e) {
      server.shutdown();
      server.awaitShutdown();
      throw e;
    }
    return new KafkaBroker(settings, server, Duration.ofNanos(System.nanoTime() - started));
  }

  public String bootstrapServers() {
    return settings.bootstrapServers();
  }

  public BrokerSettings settings() {
    return settings;
  }

  /** From the call to start until the broker answered a client. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * The admin's client settings (a super user: tests and the operator's tools), to add producer,
   * consumer or admin settings to.
   */
  public Map<String, Object> clientConfig() {
    return settings.clientConfig(Access.ADMIN);
  }

  /** The client settings of one principal, which the broker holds to the access table. */
  public Map<String, Object> clientConfig(Principal principal) {
    return settings.clientConfig(principal.user());
  }

  /**
   * The login of {@code principal} as a Quarkus application of SRE-Space reads it: {@code
   * KAFKA_USER} and {@code KAFKA_PASSWORD}, given as environment variables or configuration.
   */
  public Map<String, String> login(Principal principal) {
    return Map.of(
        "KAFKA_USER",
        principal.user(),
        "KAFKA_PASSWORD",
        settings.passwords().get(principal.user()));
  }

  /**
   * Writes every user's password into {@code folder} (owner-only files, as {@code ./sre-space up}
   * keeps them) for a program that reads its login from there; returns the folder.
   */
  public Path credentialsIn(Path folder) {
    try {
      Files.createDirectories(folder);
      for (var user : settings.passwords().entrySet()) {
        Credentials.writeOwnerOnly(folder.resolve(user.getKey() + ".password"), user.getValue());
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the broker's passwords to " + folder, e);
    }
  }

  /**
   * Writes raw bytes to a topic and waits for the broker to have them: how a test puts a record
   * that is not an event where a consumer expects one.
   */
  public void send(String topic, String key, byte[] value) {
    try (var producer =
        new KafkaProducer<>(clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to " + topic, e);
    }
  }

  /**
   * Creates the topics that do not exist yet, with their registry partition counts, and returns
   * once every partition of them has a leader, so the first record written to them is accepted.
   */
  public void createTopics(Collection<Topic<?, ?>> topics) {
    try (Admin admin = Admin.create(clientConfig())) {
      CreateTopics.create(admin, topics);
      awaitLeaders(admin, topics.stream().map(Topic::name).toList());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot create topics on " + bootstrapServers() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Creates a topic outside the registry, with one partition: the broker creates none by itself, so
   * a test that writes to a topic of its own makes it first.
   */
  public void createTopic(String name) {
    createTopics(
        List.of(new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray(), 1, "-", "a test")));
  }

  private static void awaitLeaders(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      boolean led;
      try {
        led =
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
      } catch (ExecutionException e) {
        // Just after creation a topic can be unknown to the broker's metadata for a moment.
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        led = false;
      }
      if (led) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("partitions of " + names + " still have no leader");
      }
      Thread.sleep(50);
    }
  }

  /** Blocks until the broker has shut down, by {@link #close()} or by a signal. */
  public void awaitShutdown() {
    server.awaitShutdown();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    if (settings.temporary()) {
      deleteRecursively(settings.dataDirectory());
    }
  }

  private static void awaitReady(BrokerSettings settings) {
    try (Admin admin = Admin.create(settings.clientConfig(Access.ADMIN))) {
      admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka broker on %s did not answer within %s"
              .formatted(settings.bootstrapServers(), READY_TIMEOUT),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    }
  }

  /**
   * Writes the configuration beside the data (owner-only: it holds the admin's password) and
   * formats the storage when it is new, with the admin's SCRAM login; formatted storage keeps its
   * cluster id, so a restarted broker finds its topics and records again. Storage formatted for
   * another admin password (or before the broker asked for logins) is formatted anew.
   */
  private static void format(BrokerSettings settings, Properties properties) {
    Path configFile = settings.dataDirectory().resolve("server.properties");
    Path admin = settings.dataDirectory().resolve("admin.sha256");
    String adminDigest = digest(settings.passwords().get(Access.ADMIN));
    try {
      Files.createDirectories(settings.logDirectory());
      StringWriter text = new StringWriter();
      properties.store(text, "written by SRE-Space's Kafka broker; regenerated at every start");
      Credentials.writeOwnerOnly(configFile, text.toString());
      if (Files.exists(settings.logDirectory().resolve("meta.properties"))) {
        if (Files.exists(admin) && Files.readString(admin).strip().equals(adminDigest)) {
          return;
        }
        System.err.printf(
            "kafka-broker: the data in %s was formatted without this admin login: formatting it anew (its records are dropped)%n",
            settings.dataDirectory());
        deleteRecursively(settings.logDirectory());
        Files.createDirectories(settings.logDirectory());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + settings.dataDirectory(), e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String[] args = {
      "format",
      "--config",
      configFile.toString(),
      "--cluster-id",
      Uuid.randomUuid().toString(),
      "--add-scram",
      "%s=[name=%s,password=%s]"
          .formatted(KafkaClients.MECHANISM, Access.ADMIN, settings.passwords().get(Access.ADMIN))
    };
    int exit;
    try {
      exit = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "formatting Kafka storage in %s failed: %s".formatted(settings.dataDirectory(), e), e);
    }
    if (exit != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage in %s failed: %s"
              .formatted(settings.dataDirectory(), output.toString(StandardCharsets.UTF_8).trim()));
    }
    try {
      Files.writeString(admin, adminDigest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + admin, e);
    }
  }

  private static String digest(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static void requireFree(String host, int port) {
    if (!BrokerSettings.isFree(host, port)) {
      throw new IllegalStateException(
          "port %d on %s is already in use: is another broker running?".formatted(port, host));
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
