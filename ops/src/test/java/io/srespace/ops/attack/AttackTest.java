package io.srespace.ops.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each attempt of {@code ./sre-space attack} against the real broker with its logins and ACLs. */
@ExtendWith(KafkaBrokerExtension.class)
class AttackTest {
  @Test
  void theBrokerRefusesEveryAttemptButAStolenBrainLoginWhichOnlyFixerCanStop(KafkaBroker kafka)
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Attack attack =
        new Attack(
            kafka.bootstrapServers(),
            kafka.settings().passwords(),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    List<Attack.Attempt> attempts = attack.attempts(Duration.ZERO);

    assertThat(attempts).hasSize(12);
    assertThat(attempts.subList(0, 9))
        .allSatisfy(
            attempt ->
                assertThat(attempt.written())
                    .as(attempt.name() + ": " + attempt.outcome())
                    .isFalse())
        .extracting(Attack.Attempt::outcome)
        .allMatch(outcome -> outcome.startsWith("refused by the broker: "));
    assertThat(attempts.get(1).outcome()).contains("SaslAuthentication");
    assertThat(attempts.get(2).outcome()).contains("TopicAuthorization");
    // Written with Brain's own login: what stops them is Fixer's admission, not the broker.
    assertThat(attempts.subList(9, 12)).allMatch(Attack.Attempt::written);
    // No Fixer runs here, so nothing acted on them; the report says how many there were.
    var report = new Attack.Report(attempts, attack.fixerActed(), List.of(), List.of());
    assertThat(report.result())
        .isEqualTo("RESULT attempts=12 acted=0 secrets_exposed=0 open_ports=0");
  }

  @Test
  void anApiThatAnswersWithoutItsKeyIsCountedOneThatAsksForItIsNot() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/locked", exchange -> answer(exchange, 401));
    server.createContext("/open", exchange -> answer(exchange, 200));
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      List<Attack.Attempt> calls =
          Attack.withoutKey(
              Map.of(
                  "a locked API",
                  URI.create(base + "/locked"),
                  "an open API",
                  URI.create(base + "/open")));

      assertThat(calls)
          .extracting(Attack.Attempt::name, Attack.Attempt::written, Attack.Attempt::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("a locked API", false, "refused by the API: 401"),
              org.assertj.core.groups.Tuple.tuple(
                  "an open API", true, "answered 200 without a key"));
    } finally {
      server.stop(0);
    }
  }

  private static void answer(HttpExchange exchange, int status) throws java.io.IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Test
  void aSecretInAFileOthersReadOrInALogIsExposedAnOwnerOnlyFileIsNot(@TempDir Path home)
      throws Exception {
    Files.createDirectories(home.resolve("logs"));
    Path owner = home.resolve("credentials.password");
    Files.writeString(owner, "s3cret-value-1");
    Files.setPosixFilePermissions(owner, PosixFilePermissions.fromString("rw-------"));
    Path shared = home.resolve("supervisord.conf");
    Files.writeString(shared, "password=s3cret-value-1\n");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(home.resolve("logs/brain.log"), "connected with s3cret-value-1\n");

    List<String> exposed = Exposure.secrets(home, Set.of("s3cret-value-1"));

    assertThat(exposed)
        .containsExactlyInAnyOrder(
            "file others may read " + shared, "log " + home.resolve("logs/brain.log"));
  }

  @Test
  void aPortOnEveryInterfaceIsOpenALoopbackOneIsNot() throws Exception {
    try (ServerSocket everywhere = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"));
        ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      List<String> open = Exposure.openPorts(Set.of(ProcessHandle.current().pid()));

      assertThat(open).anyMatch(line -> line.contains(":" + everywhere.getLocalPort() + " "));
      assertThat(open).noneMatch(line -> line.contains(":" + loopback.getLocalPort() + " "));
    }
    assertThat(Exposure.loopback("0100007F:1F90")).isTrue();
    assertThat(Exposure.loopback("00000000:1F90")).isFalse();
    assertThat(Exposure.loopback("00000000000000000000000001000000:1F90")).isTrue();
  }
}
