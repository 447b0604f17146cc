package io.srespace.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.FaultCleared;
import io.srespace.events.GoldenEvents;
import io.srespace.events.kafka.Credentials;
import io.srespace.events.kafka.KafkaClients;
import io.srespace.events.serde.EventSerializer;
import io.srespace.events.topics.Principal;
import io.srespace.events.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneBrokerTest {
  @Test
  void runsAsItsOwnProcessPrintsReadyAndStopsCleanlyOnSigterm(@TempDir Path data) throws Exception {
    int port = freePort();
    Path credentials = data.resolve("credentials");
    Path readyFile = data.resolve("ready");
    Process broker = launch(port, data, credentials, "--ready-file", readyFile.toString());
    List<String> output = new ArrayList<>();
    try (var lines =
        new BufferedReader(
            new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
      String ready = awaitLine(lines, output, "Kafka broker ready in ");
      assertThat(ready).matches("Kafka broker ready in \\d+ ms on 127\\.0\\.0\\.1:" + port + " .*");
      assertThat(readyFile).as("marked ready for a health check").exists();
      assertThat(Files.getPosixFilePermissions(credentials.resolve("telemetry.password")))
          .as("passwords made owner-only")
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getPosixFilePermissions(data.resolve("server.properties")))
          .as("the configuration holds the admin's password")
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));

      Event<EventPayload> sent = GoldenEvents.event(FaultCleared.class);
      send(port, credentials, sent);

      broker.toHandle().destroy();
      assertThat(broker.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      String line;
      while ((line = lines.readLine()) != null) {
        output.add(line);
      }
      assertThat(output).contains("Kafka broker stopping");
      assertThat(output).anyMatch(l -> l.matches("Kafka broker stopped cleanly in \\d+ ms"));
      assertThat(readyFile).as("no longer ready once stopped").doesNotExist();

      Process again = launch(port, data, credentials);
      try (var relaunched =
          new BufferedReader(
              new InputStreamReader(again.getInputStream(), StandardCharsets.UTF_8))) {
        awaitLine(relaunched, new ArrayList<>(), "Kafka broker ready in ");
        assertThat(firstChaosEvent(port, credentials)).as("kept across restarts").isEqualTo(sent);
      } finally {
        again.toHandle().destroy();
        again.waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      broker.destroyForcibly();
    }
  }

  @Test
  void aSecondListenerServesClientsThatReachTheBrokerByAnotherAddress(@TempDir Path data)
      throws Exception {
    int port = freePort();
    int outside = freePort();
    Path credentials = data.resolve("credentials");
    // As in Compose: containers are told one address, the host's tools another.
    Process broker =
        launch(
            port,
            data,
            credentials,
            "--advertise",
            "localhost:" + port,
            "--outside-port",
            String.valueOf(outside),
            "--outside-advertise",
            "127.0.0.1:" + outside);
    try (var lines =
        new BufferedReader(
            new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
      awaitLine(lines, new ArrayList<>(), "Kafka broker ready in ");
      Event<EventPayload> sent = GoldenEvents.event(FaultCleared.class);
      send(outside, credentials, sent);
      assertThat(firstChaosEvent(port, credentials))
          .as("written through the outside listener, read through the first")
          .isEqualTo(sent);
    } finally {
      broker.toHandle().destroy();
      broker.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void badArgumentsAreExplained() {
    assertThatThrownBy(() -> StandaloneBroker.parse(new String[] {"--port", "ninety"}))
        .hasMessage("--port must be a number, was ninety");
    assertThatThrownBy(() -> StandaloneBroker.parse(new String[] {"--colour", "red"}))
        .hasMessage("unknown option --colour");
    assertThat(StandaloneBroker.parse(new String[] {"--port", "19092"}).settings().controllerPort())
        .isEqualTo(19093);
    assertThatThrownBy(() -> StandaloneBroker.parse(new String[] {"--outside-port", "29092"}))
        .hasMessage("--outside-port and --outside-advertise go together");
    assertThatThrownBy(() -> StandaloneBroker.parse(new String[] {"--advertise", "kafka"}))
        .hasMessage("--advertise must be host:port, was kafka");
    assertThatThrownBy(
            () ->
                StandaloneBroker.parse(
                    new String[] {
                      "--outside-port", "9092", "--outside-advertise", "127.0.0.1:9092"
                    }))
        .hasMessage("the outside listener needs a port of its own, was 9092");
  }

  private static Process launch(int port, Path data, Path credentials, String... options)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneBroker.class.getName(),
                "--port",
                String.valueOf(port),
                "--controller-port",
                String.valueOf(freePort()),
                "--data",
                data.toString(),
                "--credentials",
                credentials.toString()));
    command.addAll(List.of(options));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String awaitLine(BufferedReader lines, List<String> output, String prefix)
      throws IOException {
    String line;
    while ((line = lines.readLine()) != null) {
      output.add(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("the broker exited before printing '" + prefix + "': " + output);
  }

  /** As the demo services' principal, the one that writes chaos.faults. */
  private static Map<String, Object> telemetry(int port, Path credentials) {
    return KafkaClients.config(
        "127.0.0.1:" + port,
        Principal.TELEMETRY.user(),
        Credentials.password(credentials, Principal.TELEMETRY.user()));
  }

  private static void send(int port, Path credentials, Event<EventPayload> event) throws Exception {
    var topic = Topics.CHAOS_FAULTS;
    try (var producer =
        new KafkaProducer<>(
            telemetry(port, credentials),
            topic.keySerde().serializer(),
            new EventSerializer<EventPayload>())) {
      producer.send(new ProducerRecord<>(topic.name(), event.source(), event)).get();
    }
  }

  private static Event<?> firstChaosEvent(int port, Path credentials) {
    Map<String, Object> config =
        KafkaClients.config(
            "127.0.0.1:" + port,
            Principal.EVALUATOR.user(),
            Credentials.password(credentials, Principal.EVALUATOR.user()));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    var topic = Topics.CHAOS_FAULTS;
    try (var consumer =
        new KafkaConsumer<>(
            config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      TopicPartition partition = new TopicPartition(topic.name(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          return record.value();
        }
      }
    }
    throw new AssertionError("no event on " + topic.name());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
