package io.srespace.scout.health;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.scout.detection.AnomalyEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Probes the liveness URL of every service in the topology. A service failing {@code
 * failuresToFire} probes in a row is reported as a health anomaly, probe after probe, until one
 * succeeds again.
 */
public final class HealthProbes {
  private final KnowledgeGraph topology;
  private final HttpClient http;
  private final Duration timeout;
  private final int failuresToFire;
  private final Map<String, Failing> failing = new HashMap<>();

  private record Failing(Instant since, int count, String reason) {}

  public HealthProbes(KnowledgeGraph topology, Duration timeout, int failuresToFire) {
    this.topology = topology;
    this.timeout = timeout;
    this.failuresToFire = failuresToFire;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Probes every service at once; returns the anomalies this round shows. */
  public synchronized List<Event<AnomalyEvent>> probeAll(Instant now) {
    Map<String, CompletableFuture<String>> probes = new HashMap<>();
    topology.services().forEach((name, service) -> probes.put(name, probe(service)));
    List<Event<AnomalyEvent>> anomalies = new ArrayList<>();
    probes.forEach(
        (service, result) -> {
          String problem = result.join();
          if (problem == null) {
            failing.remove(service);
            return;
          }
          Failing before = failing.get(service);
          Failing nowFailing =
              before == null
                  ? new Failing(now, 1, problem)
                  : new Failing(before.since(), before.count() + 1, problem);
          failing.put(service, nowFailing);
          if (nowFailing.count() >= failuresToFire) {
            anomalies.add(anomaly(service, nowFailing, now));
          }
        });
    return anomalies;
  }

  /** Null when healthy, else why not. */
  private CompletableFuture<String> probe(KnowledgeGraph.Service service) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(service.url() + service.health()))
            .timeout(timeout)
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                return cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
              }
              return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
            });
  }

  private static Event<AnomalyEvent> anomaly(String service, Failing failing, Instant now) {
    Anomaly anomaly =
        new Anomaly(
            "health|" + service + "@" + failing.since(),
            service,
            null,
            Signal.HEALTH,
            failing.count(),
            0,
            "failed liveness probes in a row (" + failing.reason() + ")",
            new TimeWindow(failing.since(), now),
            List.of());
    return AnomalyEvents.of(anomaly, now);
  }
}
