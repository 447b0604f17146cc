package io.srespace.scout.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.Signal;
import io.srespace.knowledge.KnowledgeGraph;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HealthProbesTest {
  @Test
  void answersThatTurnSlowAreLatencyOnScoutsCallsToTheServiceNotItsOwnFinding() throws Exception {
    AtomicInteger delayMillis = new AtomicInteger(0);
    HttpServer service = answering(delayMillis);
    try {
      int port = service.getAddress().getPort();
      KnowledgeGraph topology =
          new KnowledgeGraph(
              Map.of("quote-service", service("http://127.0.0.1:" + port)), Map.of());
      HealthProbes probes = new HealthProbes(topology, Duration.ofMillis(800), 3);
      Instant t0 = Instant.parse("2026-11-23T12:00:00Z");
      int round = 0;
      for (; round < 40; round++) {
        assertThat(probes.probeAll(t0.plusSeconds(round))).as("fast answers").isEmpty();
      }

      delayMillis.set(300);
      List<io.srespace.events.Anomaly> found = new java.util.ArrayList<>();
      for (int slow = 0; slow < 8; slow++, round++) {
        probes
            .probeAll(t0.plusSeconds(round))
            .forEach(e -> found.add(((AnomalyDetected) e.data()).anomaly()));
      }

      assertThat(found)
          .as("the median turns at the 3rd slow probe; it fires on the 3rd such round")
          .hasSize(4);
      assertThat(found.get(0).service()).isEqualTo("scout");
      assertThat(found.get(0).peer()).isEqualTo("127.0.0.1:" + port);
      assertThat(found.get(0).signal()).isEqualTo(Signal.LATENCY);
      assertThat(found.get(0).observed()).isGreaterThanOrEqualTo(300);
      assertThat(found.get(0).baseline()).isLessThan(100);
      assertThat(found)
          .extracting(io.srespace.events.Anomaly::anomalyId)
          .containsOnly(found.get(0).anomalyId());
    } finally {
      service.stop(0);
    }
  }

  @Test
  void everyServiceAnsweringSlowlyAtOnceIsTheProbersSideAndNoFinding() throws Exception {
    AtomicInteger delayMillis = new AtomicInteger(0);
    List<HttpServer> servers = new java.util.ArrayList<>();
    Map<String, KnowledgeGraph.Service> services = new java.util.HashMap<>();
    for (String name : List.of("quote-service", "user-service")) {
      HttpServer server = answering(delayMillis);
      servers.add(server);
      services.put(name, service("http://127.0.0.1:" + server.getAddress().getPort()));
    }
    try {
      HealthProbes probes =
          new HealthProbes(new KnowledgeGraph(services, Map.of()), Duration.ofMillis(800), 3);
      Instant t0 = Instant.parse("2026-11-23T12:00:00Z");
      for (int round = 0; round < 40; round++) {
        probes.probeAll(t0.plusSeconds(round));
      }
      delayMillis.set(300);
      for (int round = 40; round < 48; round++) {
        assertThat(probes.probeAll(t0.plusSeconds(round))).as("round %d", round).isEmpty();
      }
    } finally {
      servers.forEach(server -> server.stop(0));
    }
  }

  @Test
  void aServiceFailingThreeProbesInARowIsReportedUntilItAnswersAgain() throws Exception {
    AtomicInteger status = new AtomicInteger(200);
    HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    service.createContext(
        "/q/health/live",
        exchange -> {
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    service.start();
    try {
      KnowledgeGraph topology =
          new KnowledgeGraph(
              Map.of(
                  "user-service", service("http://127.0.0.1:" + service.getAddress().getPort()),
                  "gone-service", service("http://127.0.0.1:9")),
              Map.of());
      HealthProbes probes = new HealthProbes(topology, Duration.ofMillis(500), 3);
      Instant t0 = Instant.parse("2026-11-23T12:00:00Z");

      assertThat(probes.probeAll(t0)).isEmpty();
      assertThat(probes.probeAll(t0.plusSeconds(1))).isEmpty();
      var third = probes.probeAll(t0.plusSeconds(2));
      assertThat(third)
          .extracting(e -> ((AnomalyDetected) e.data()).anomaly().service())
          .containsExactly("gone-service");
      AnomalyDetected gone = (AnomalyDetected) third.get(0).data();
      assertThat(gone.anomaly().signal()).isEqualTo(Signal.HEALTH);
      assertThat(gone.anomaly().unit())
          .startsWith("failed liveness probes in a row (ConnectException");
      assertThat(gone.anomaly().window().start()).isEqualTo(t0);

      status.set(503);
      probes.probeAll(t0.plusSeconds(3));
      probes.probeAll(t0.plusSeconds(4));
      assertThat(probes.probeAll(t0.plusSeconds(5)))
          .extracting(e -> ((AnomalyDetected) e.data()).anomaly())
          .anySatisfy(
              a -> {
                assertThat(a.service()).isEqualTo("user-service");
                assertThat(a.unit()).contains("HTTP 503");
              });

      status.set(200);
      assertThat(probes.probeAll(t0.plusSeconds(6)))
          .extracting(e -> ((AnomalyDetected) e.data()).anomaly().service())
          .containsExactly("gone-service");
    } finally {
      service.stop(0);
    }
  }

  @Test
  void timeoutsAfterTimeoutsThatPassedAreTheWaysLatencyUntilTheyLastTenProbes() throws Exception {
    AtomicInteger lossyDelay = new AtomicInteger(0);
    AtomicInteger steadyDelay = new AtomicInteger(0);
    HttpServer lossy = answering(lossyDelay);
    HttpServer steady = answering(steadyDelay);
    try {
      KnowledgeGraph topology =
          new KnowledgeGraph(
              Map.of(
                  "quote-service",
                  service("http://127.0.0.1:" + lossy.getAddress().getPort()),
                  "user-service",
                  service("http://127.0.0.1:" + steady.getAddress().getPort())),
              Map.of());
      HealthProbes probes = learned(topology);
      int round = LEARNED_ROUNDS;
      // Packets lost on the way to quote-service: a timeout, answers, then timeouts in a row.
      List<List<io.srespace.events.Anomaly>> rounds = new java.util.ArrayList<>();
      List<Integer> timedOut = List.of(1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
      for (int lost : timedOut) {
        lossyDelay.set(lost == 1 ? 600 : 0);
        // user-service stops answering with the third run of quote-service's (a hang).
        steadyDelay.set(rounds.size() >= 3 ? 600 : 0);
        rounds.add(
            probes.probeAll(T0.plusSeconds(round++)).stream()
                .map(e -> ((AnomalyDetected) e.data()).anomaly())
                .toList());
      }

      assertThat(rounds.subList(0, 5))
          .as("a timeout that passed, then two")
          .allMatch(List::isEmpty);
      assertThat(rounds.get(5))
          .as("the third timeout in a row: quote-service's way, user-service down")
          .extracting(a -> a.service(), a -> a.signal())
          .containsExactlyInAnyOrder(
              tuple("scout", Signal.LATENCY), tuple("user-service", Signal.HEALTH));
      io.srespace.events.Anomaly way =
          rounds.get(5).stream().filter(a -> a.service().equals("scout")).findFirst().get();
      assertThat(way.peer()).isEqualTo("127.0.0.1:" + lossy.getAddress().getPort());
      assertThat(way.observed()).isEqualTo(300);
      assertThat(way.unit()).contains("3 timed out in a row").contains("loses or holds back");
      assertThat(way.window().start()).isEqualTo(T0.plusSeconds(38));
      assertThat(rounds.get(11))
          .as("the ninth in a row is still the way's")
          .extracting(a -> a.service(), a -> a.signal())
          .contains(tuple("scout", Signal.LATENCY))
          .doesNotContain(tuple("quote-service", Signal.HEALTH));
      assertThat(rounds.get(12))
          .as("the tenth: down, whatever came before")
          .extracting(a -> a.service(), a -> a.signal())
          .contains(tuple("quote-service", Signal.HEALTH))
          .doesNotContain(tuple("scout", Signal.LATENCY));
    } finally {
      lossy.stop(0);
      steady.stop(0);
    }
  }

  @Test
  void timeoutsThatPassedAreForgottenAfterTenQuickAnswersInARow() throws Exception {
    AtomicInteger delay = new AtomicInteger(0);
    HttpServer server = answering(delay);
    try {
      KnowledgeGraph topology =
          new KnowledgeGraph(
              Map.of("quote-service", service("http://127.0.0.1:" + server.getAddress().getPort())),
              Map.of());
      HealthProbes probes = learned(topology);
      int round = LEARNED_ROUNDS;
      // The way lost packets (a timeout that passed), then healed: ten quick answers; then the
      // process stops answering (a hang), within the minute.
      List<Integer> delays = new java.util.ArrayList<>(List.of(600));
      delays.addAll(java.util.Collections.nCopies(HealthProbes.STEADY_ANSWERS, 0));
      delays.addAll(List.of(600, 600, 600));
      List<io.srespace.events.Anomaly> last = List.of();
      for (int millis : delays) {
        delay.set(millis);
        last =
            probes.probeAll(T0.plusSeconds(round++)).stream()
                .map(e -> ((AnomalyDetected) e.data()).anomaly())
                .toList();
      }

      assertThat(last)
          .as("a hang after the way healed is a hang")
          .extracting(a -> a.service(), a -> a.signal())
          .containsExactly(tuple("quote-service", Signal.HEALTH));
    } finally {
      server.stop(0);
    }
  }

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final int LEARNED_ROUNDS = 35;

  /**
   * Probes with a 300 ms timeout whose normal round trips are learned: a round a second from {@link
   * #T0}, {@link #LEARNED_ROUNDS} of them.
   */
  private static HealthProbes learned(KnowledgeGraph topology) {
    HealthProbes probes = new HealthProbes(topology, Duration.ofMillis(300), 3);
    for (int round = 0; round < LEARNED_ROUNDS; round++) {
      probes.probeAll(T0.plusSeconds(round));
    }
    return probes;
  }

  /** A liveness endpoint on loopback that answers 200 after {@code delayMillis}. */
  private static HttpServer answering(AtomicInteger delayMillis) throws java.io.IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/q/health/live",
        exchange -> {
          try {
            Thread.sleep(delayMillis.get());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    return server;
  }

  private static KnowledgeGraph.Service service(String url) {
    return new KnowledgeGraph.Service(
        url, "/q/health/live", List.of(), "team", null, null, null, null);
  }
}
