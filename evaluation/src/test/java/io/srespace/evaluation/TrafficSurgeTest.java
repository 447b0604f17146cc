package io.srespace.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.srespace.events.EventPayload;
import io.srespace.events.Fault;
import io.srespace.events.FaultCleared;
import io.srespace.events.FaultInjected;
import io.srespace.ops.chaos.Chaos;
import io.srespace.ops.chaos.FaultAdmin;
import io.srespace.ops.stack.Stack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos traffic-surge} on real processes: the demo's generator (its own process) sends its
 * journeys to a quote endpoint on loopback; the surge starts a second generator that multiplies
 * them, ends by itself, and is stopped early by {@code clear}; each step is recorded.
 */
class TrafficSurgeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final int NORMAL_RATE = 5;

  @TempDir Path home;
  private HttpServer quotes;
  private final AtomicLong requests = new AtomicLong();
  private final List<EventPayload> recorded = new CopyOnWriteArrayList<>();
  private Process normal;
  private Chaos chaos;

  @BeforeEach
  void start() throws Exception {
    quotes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    quotes.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = "{\"quoteId\":\"q-1\",\"premium\":10}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    quotes.start();
    Files.createDirectories(home.resolve("logs"));
    Stack stack =
        new Stack(ROOT, home, 0, Map.of("QUOTE_SERVICE_PORT", quotes.getAddress().getPort()));
    normal =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                ROOT.resolve("demo-apps/traffic-generator/target/classes").toString(),
                "io.srespace.demo.traffic.TrafficGenerator",
                "--target",
                stack.url("quote-service").toString(),
                "--rate",
                String.valueOf(NORMAL_RATE),
                "--report-every",
                "60")
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("logs/traffic.log").toFile())
            .start();
    // The normal traffic is measured once its generator runs (its JVM takes a moment to start).
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (requests.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(requests.get()).as("the normal traffic generator sends").isPositive();
    Thread.sleep(1_000);
    chaos =
        new Chaos(
            stack,
            new FaultAdmin(stack::url, "unused"),
            (as, topic, fact, at) -> recorded.add(fact));
  }

  @AfterEach
  void stop() throws Exception {
    chaos.clear(Fault.TRAFFIC_SURGE.id(), List.of());
    normal.destroy();
    normal.waitFor();
    quotes.stop(0);
  }

  @Test
  void aSurgeMultipliesTheJourneysForItsDurationThenEndsByItselfAndIsRecorded() throws Exception {
    double before = perSecond(Duration.ofSeconds(3));

    long injected = System.nanoTime();
    String said = chaos.inject("traffic-surge", "quote-service", 4.0, 10L);
    // Measured once the surge's own JVM runs, and again once its 10 s are over.
    Thread.sleep(2_500);
    double during = perSecond(Duration.ofSeconds(3));
    assertThat(chaos.stillOn("traffic-surge", "quote-service")).contains(true);
    // It ends by itself 10 s after its own JVM started (later than the injection on a busy
    // machine): measured once it has, within 25 s of the injection.
    Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - injected) / 1_000_000));
    while (chaos.stillOn("traffic-surge", "quote-service").orElse(false)
        && System.nanoTime() - injected < 25_000_000_000L) {
      Thread.sleep(200);
    }
    Thread.sleep(500);
    double after = perSecond(Duration.ofSeconds(3));

    assertThat(said).startsWith("15.0 journeys/s more than the normal 5 for 10 s (4× in all");
    // During is held to the nominal rate too: a generator catching up measured 8.3/s before
    // (nominal 5) and 19.3/s during the 4× surge (20/s nominal) on a busy machine.
    assertThat(during)
        .as("requests/s: %.1f before, %.1f during (nominal %d)", before, during, NORMAL_RATE)
        .isGreaterThan(2.5 * Math.min(before, NORMAL_RATE));
    // After is held to the generator's nominal rate as well as to what was measured before: a
    // generator still warming up measured 3.3/s before (nominal 5) and 5.7/s after on a busy
    // machine, while a surge that had not ended sends 20/s.
    assertThat(after)
        .as("requests/s after the surge (%.1f before, nominal %d)", before, NORMAL_RATE)
        .isLessThan(1.6 * Math.max(before, NORMAL_RATE));
    assertThat(chaos.stillOn("traffic-surge", "quote-service")).contains(false);
    assertThat(recorded)
        .singleElement()
        .isInstanceOfSatisfying(
            FaultInjected.class,
            f -> {
              assertThat(f.fault()).isEqualTo(Fault.TRAFFIC_SURGE);
              assertThat(f.service()).isEqualTo("quote-service");
              assertThat(f.intensity()).isEqualTo(4.0);
              assertThat(f.durationSeconds()).isEqualTo(10L);
            });
  }

  @Test
  void aSurgeIsClearedEarlyOnlyOnceAndGoesWhereTrafficEnters() throws Exception {
    chaos.inject("traffic-surge", "quote-service", 3.0, 120L);
    assertThatThrownBy(() -> chaos.inject("traffic-surge", "quote-service", 3.0, 120L))
        .hasMessageContaining("already on");

    chaos.clear("traffic-surge", List.of());
    chaos.clear("traffic-surge", List.of());

    assertThat(chaos.stillOn("traffic-surge", "quote-service")).isEqualTo(Optional.of(false));
    assertThat(recorded).hasSize(2).last().isInstanceOf(FaultCleared.class);
    assertThatThrownBy(() -> chaos.inject("traffic-surge", "user-service", 4.0, 10L))
        .hasMessageContaining("traffic enters the demo at quote-service");
    assertThatThrownBy(() -> chaos.inject("traffic-surge", "quote-service", 50.0, 10L))
        .hasMessageContaining("at most 20");
  }

  /** The quote endpoint's requests per second over {@code span}. */
  private double perSecond(Duration span) throws InterruptedException {
    long from = requests.get();
    Thread.sleep(span.toMillis());
    return (requests.get() - from) / (span.toMillis() / 1000.0);
  }
}
