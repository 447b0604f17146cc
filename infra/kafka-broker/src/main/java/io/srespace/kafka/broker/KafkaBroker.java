package io.srespace.kafka.broker;

import io.srespace.events.topics.CreateTopics;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
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
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
    requireFree(settings.host(), settings.controllerPort());
    long started = System.nanoTime();
    Properties properties = settings.serverProperties();
    format(settings, properties);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
    server.startup();
    try {
      awaitReady(settings);
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

  /** Client settings for this broker, to add producer, consumer or admin settings to. */
  public Map<String, Object> clientConfig() {
    return clientConfig(settings);
  }

  private static Map<String, Object> clientConfig(BrokerSettings settings) {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
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
    try (Admin admin = Admin.create(clientConfig(settings))) {
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
   * Writes the configuration beside the data and formats the storage when it is new; formatted
   * storage keeps its cluster id, so a restarted broker finds its topics and records again.
   */
  private static void format(BrokerSettings settings, Properties properties) {
    Path configFile = settings.dataDirectory().resolve("server.properties");
    try {
      Files.createDirectories(settings.logDirectory());
      try (OutputStream out = Files.newOutputStream(configFile)) {
        properties.store(out, "written by SRE-Space's Kafka broker; regenerated at every start");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + settings.dataDirectory(), e);
    }
    if (Files.exists(settings.logDirectory().resolve("meta.properties"))) {
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String[] args = {
      "format", "--config", configFile.toString(), "--cluster-id", Uuid.randomUuid().toString()
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
