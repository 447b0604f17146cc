package io.srespace.scout.health;

import static org.assertj.core.api.Assertions.assertThat;

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
                  "user-service",
                      new KnowledgeGraph.Service(
                          "http://127.0.0.1:" + service.getAddress().getPort(),
                          "/q/health/live",
                          List.of(),
                          "team",
                          null,
                          null,
                          null,
                          null),
                  "gone-service",
                      new KnowledgeGraph.Service(
                          "http://127.0.0.1:9",
                          "/q/health/live",
                          List.of(),
                          "team",
                          null,
                          null,
                          null,
                          null)),
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
}
