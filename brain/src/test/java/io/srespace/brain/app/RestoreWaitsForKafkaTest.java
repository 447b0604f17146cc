package io.srespace.brain.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.kafka.broker.BrokerSettings;
import io.srespace.kafka.broker.StandaloneBroker;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Brain started before its broker restores its incidents once the broker is up. */
class RestoreWaitsForKafkaTest {
  @TempDir Path data;

  @Test
  void theRestoreKeepsTryingWhileKafkaIsDownAndLetsEventsThroughOnceItIsDone() throws Exception {
    BrokerSettings settings =
        BrokerSettings.persistent(
            "127.0.0.1", freePort(), freePort(), data.resolve("kafka"), data.resolve("users"));
    IncidentLedger ledger = new IncidentLedger();
    Thread restoring =
        new Thread(
            () ->
                IncidentReplay.restoreUntilDone(
                    settings.clientConfig("brain"),
                    ledger,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(2)));
    restoring.setDaemon(true);
    restoring.start();

    restoring.join(Duration.ofSeconds(6).toMillis());
    assertThat(ledger.isReady()).as("no broker yet: events wait").isFalse();

    // The broker in a process of its own, as the local stack runs it.
    Process broker =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneBroker.class.getName(),
                "--port",
                String.valueOf(settings.port()),
                "--controller-port",
                String.valueOf(settings.controllerPort()),
                "--data",
                data.resolve("kafka").toString(),
                "--credentials",
                data.resolve("users").toString())
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("broker.log").toFile())
            .start();
    try {
      restoring.join(Duration.ofSeconds(90).toMillis());
      assertThat(restoring.isAlive()).as("restored once the broker answered").isFalse();
      assertThat(ledger.isReady()).isTrue();
    } finally {
      broker.destroy();
      broker.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
