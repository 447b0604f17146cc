package io.srespace.ops.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.srespace.events.ChaosEvent;
import io.srespace.events.Fault;
import io.srespace.events.FaultCleared;
import io.srespace.events.FaultInjected;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The faults done from outside, on real processes of this machine (needs root, iptables and the
 * cgroup file system, as the local stack does): each is felt by a caller, shows on the host, is
 * recorded, and is gone when cleared.
 */
class HostChaosTest {
  private final List<ChaosEvent> recorded = new ArrayList<>();
  private final CpuQuota cpu = CpuQuota.host();
  private final List<Instant> recordedAt = new ArrayList<>();
  private final HostChaos chaos =
      new HostChaos(
          cpu,
          (fact, at) -> {
            recorded.add(fact);
            recordedAt.add(at);
          });
  private final List<Process> started = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private int port;

  @BeforeAll
  static void asRootWithIptablesAndCgroups() {
    assumeTrue(
        ProcessHandle.current().info().user().map("root"::equals).orElse(false),
        "faults done from outside need root");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/iptables"))
            || Files.isExecutable(Path.of("/sbin/iptables")),
        "packet loss needs iptables");
  }

  @AfterEach
  void clearAndStop() throws IOException {
    chaos.clear(target(), null);
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void aHangStopsTheProcessUntilClearedAndBothAreRecorded() throws Exception {
    start(false);
    assertThat(get("/")).isEqualTo("ok");

    Instant before = Instant.now();
    chaos.inject(Fault.HANG, target(), null);
    assertThat(recordedAt.get(0)).as("dated when the tool began").isBetween(before, Instant.now());

    assertThatThrownBy(() -> get("/")).isInstanceOf(HttpTimeoutException.class);
    assertThat(started.get(0).isAlive()).as("stopped, not ended").isTrue();
    assertThat(chaos.active(target()))
        .extracting(HostChaos.Active::fault)
        .containsExactly(Fault.HANG);

    assertThat(chaos.clear(target(), Fault.HANG)).hasSize(1);
    assertThat(get("/")).isEqualTo("ok");
    assertThat(chaos.active(target())).isEmpty();
    assertThat(recorded)
        .containsExactly(
            new FaultInjected("spin-service", Fault.HANG, 0, null),
            new FaultCleared("spin-service", Fault.HANG, "cleared by hand"));
  }

  @Test
  void packetLossIsOnTheServicesPortAloneAndGoneWhenCleared() throws Exception {
    start(false);
    int otherPort = freePort();
    Process other = spinServer(otherPort, false);
    started.add(other);
    awaitAnswer(otherPort);

    chaos.inject(Fault.PACKET_LOSS, target(), 100.0);

    assertThatThrownBy(() -> get("/")).isInstanceOf(HttpTimeoutException.class);
    assertThat(get(otherPort, "/")).as("another port").isEqualTo("ok");
    assertThat(PacketLoss.rules(port)).hasSize(2);
    assertThat(PacketLoss.rules(otherPort)).isEmpty();

    chaos.clear(target(), Fault.PACKET_LOSS);
    assertThat(PacketLoss.rules(port)).isEmpty();
    assertThat(get("/")).isEqualTo("ok");
    assertThat(recorded)
        .containsExactly(
            new FaultInjected("spin-service", Fault.PACKET_LOSS, 100, null),
            new FaultCleared("spin-service", Fault.PACKET_LOSS, "cleared by hand"));
  }

  @Test
  void aNetworkDelayHoldsEveryCallBackOutlivesARestartAndIsGoneWhenCleared() throws Exception {
    start(false);
    int otherPort = freePort();
    started.add(spinServer(otherPort, false));
    awaitAnswer(otherPort);
    // The client's pool keeps a connection opened before the delay: it is reset, and the calls
    // after it (the one that met the reset may fail, as a real caller's would) go through the
    // delay on a new connection.
    List<Duration> direct = timed(port);

    chaos.inject(Fault.NETWORK_DELAY, target(), 400.0);

    awaitAnswer(port);
    assertThat(timed(port))
        .as("calls through the delay")
        .allSatisfy(took -> assertThat(took).isGreaterThan(Duration.ofMillis(390)));
    assertThat(timed(otherPort))
        .as("another port")
        .allSatisfy(took -> assertThat(took).isLessThan(Duration.ofMillis(200)));
    assertThat(chaos.active(target()))
        .extracting(HostChaos.Active::fault)
        .containsExactly(Fault.NETWORK_DELAY);

    // A restart: the process goes, a new one serves the same port, still behind the delay.
    started.remove(0).destroyForcibly().waitFor();
    start(false);
    assertThat(timed(port))
        .as("after a restart")
        .allSatisfy(took -> assertThat(took).isGreaterThan(Duration.ofMillis(390)));

    assertThat(chaos.clear(target(), Fault.NETWORK_DELAY)).hasSize(1);
    assertThat(chaos.active(target())).isEmpty();
    assertThat(NetworkDelay.on(port)).isFalse();
    awaitAnswer(port);
    assertThat(timed(port))
        .as("direct again (before the delay: %s)", direct)
        .allSatisfy(took -> assertThat(took).isLessThan(Duration.ofMillis(200)));
    assertThat(recorded)
        .containsExactly(
            new FaultInjected("spin-service", Fault.NETWORK_DELAY, 400, null),
            new FaultCleared("spin-service", Fault.NETWORK_DELAY, "cleared by hand"));
    assertThatThrownBy(() -> chaos.inject(Fault.NETWORK_DELAY, target(), 20_000.0))
        .hasMessageContaining("1 to 10000 ms");
  }

  @Test
  void aCpuQuotaSlowsTheServiceAndOutlivesARestartUntilCleared() throws Exception {
    start(true);
    assertThat(spin()).as("unlimited").isLessThan(Duration.ofMillis(600));

    chaos.inject(Fault.CPU_STARVATION, target(), 10.0);
    assertThat(spin())
        .as("10 %% of one CPU for 100 ms of work")
        .isGreaterThan(Duration.ofMillis(850));

    // A restart: the process goes, a new one starts the way the local stack starts it.
    started.remove(0).destroyForcibly().waitFor();
    start(true);
    long pid = started.get(0).pid();
    assertThat(cpu.processes(port)).as("the new process joined the quota").contains(pid);
    assertThat(spin()).isGreaterThan(Duration.ofMillis(850));

    chaos.clear(target(), Fault.CPU_STARVATION);
    assertThat(Files.exists(cpu.cgroup(port))).isFalse();
    assertThat(spin()).as("unlimited again").isLessThan(Duration.ofMillis(600));
    assertThat(recorded)
        .containsExactly(
            new FaultInjected("spin-service", Fault.CPU_STARVATION, 10, null),
            new FaultCleared("spin-service", Fault.CPU_STARVATION, "cleared by hand"));
  }

  @Test
  void aKillEndsEveryProcessOfTheServiceAndIsRecorded() throws Exception {
    start(false);
    chaos.inject(Fault.KILL, target(), null);
    assertThat(started.get(0).isAlive()).isFalse();
    assertThat(recorded).containsExactly(new FaultInjected("spin-service", Fault.KILL, 0, null));
    assertThatThrownBy(() -> chaos.inject(Fault.HANG, target(), null))
        .hasMessageContaining("no running process of spin-service");
  }

  @Test
  void aSwitchOfTheServiceIsNotAFaultFromOutside() {
    assertThatThrownBy(() -> chaos.inject(Fault.LATENCY, target(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latency is a switch of the service");
    assertThat(recorded).isEmpty();
  }

  private HostChaos.Target target() {
    return new HostChaos.Target(
        "spin-service",
        port,
        () -> started.stream().filter(Process::isAlive).map(Process::toHandle).toList());
  }

  /** Starts the service on a new port, or on the same one after a restart. */
  private void start(boolean throughCgroup) throws Exception {
    if (port == 0) {
      port = freePort();
    }
    started.add(spinServer(port, throughCgroup));
    awaitAnswer(port);
  }

  private Process spinServer(int on, boolean throughCgroup) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String command =
        "%s -Xmx64m -cp %s %s %d"
            .formatted(java, System.getProperty("java.class.path"), SpinServer.class.getName(), on);
    return new ProcessBuilder(
            "bash", "-c", (throughCgroup ? cpu.joinCommand(on) : "") + " exec " + command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** How long each of three calls to the port's root took. */
  private List<Duration> timed(int on) throws Exception {
    List<Duration> took = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long began = System.nanoTime();
      assertThat(get(on, "/", Duration.ofSeconds(5))).isEqualTo("ok");
      took.add(Duration.ofNanos(System.nanoTime() - began));
    }
    return took;
  }

  private Duration spin() throws Exception {
    long began = System.nanoTime();
    assertThat(get(port, "/spin", Duration.ofSeconds(20))).isEqualTo("ok");
    return Duration.ofNanos(System.nanoTime() - began);
  }

  private String get(String path) throws Exception {
    return get(port, path);
  }

  private String get(int on, String path) throws Exception {
    return get(on, path, Duration.ofSeconds(1));
  }

  private String get(int on, String path, Duration timeout) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on + path))
            .timeout(timeout)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private void awaitAnswer(int on) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (true) {
      try {
        get(on, "/");
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
