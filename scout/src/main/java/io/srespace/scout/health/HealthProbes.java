package io.srespace.scout.health;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyEvent;
import io.srespace.events.Event;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.scout.detection.AnomalyEvents;
import io.srespace.scout.detection.DetectorSettings;
import io.srespace.scout.detection.RobustDetector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Probes the liveness URL of every service in the topology. A service failing {@code
 * failuresToFire} probes in a row is reported as a health anomaly, probe after probe, until one
 * succeeds again. The round trips of the probes that succeed are judged too (their median, against
 * what is normal for it): slow answers are reported as latency on Scout's calls to the service.
 */
public final class HealthProbes {
  private final KnowledgeGraph topology;
  private final HttpClient http;
  private final Duration timeout;
  private final int failuresToFire;
  private final Map<String, Failing> failing = new HashMap<>();
  private final Map<String, RoundTrips> roundTrips = new HashMap<>();
  private final BiConsumer<String, Instant> answered;

  private record Failing(Instant since, int count, String reason) {}

  /** A probe's outcome: null problem when healthy, and how long it took. */
  private record Probe(String problem, double millis) {}

  /**
   * The last round trips of one service's successful probes and what is normal for their median:
   * packets lost on the way to a service (retransmitted 200 ms or more later) or a service starved
   * of CPU show here, even where nobody else calls it (the entry service).
   */
  private static final class RoundTrips {
    private final double[] last = new double[ROUND_TRIPS];
    private int seen;
    private final RobustDetector detector = new RobustDetector(DetectorSettings.probeRoundTrip());
    private Instant slowSince;

    /** Adds a round trip; the median of the last ones once there are enough. */
    OptionalDouble add(double millis) {
      last[seen++ % last.length] = millis;
      if (seen < last.length) {
        return OptionalDouble.empty();
      }
      double[] sorted = last.clone();
      Arrays.sort(sorted);
      return OptionalDouble.of(sorted[sorted.length / 2]);
    }
  }

  static final int ROUND_TRIPS = 5;

  public HealthProbes(KnowledgeGraph topology, Duration timeout, int failuresToFire) {
    this(topology, timeout, failuresToFire, (service, sentAt) -> {});
  }

  /** {@code answered}: told of each service whose probe sent at a round's start was answered. */
  public HealthProbes(
      KnowledgeGraph topology,
      Duration timeout,
      int failuresToFire,
      BiConsumer<String, Instant> answered) {
    this.answered = answered;
    this.topology = topology;
    this.timeout = timeout;
    this.failuresToFire = failuresToFire;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Probes every service at once; returns the anomalies this round shows. */
  public synchronized List<Event<AnomalyEvent>> probeAll(Instant now) {
    Map<String, CompletableFuture<Probe>> probes = new HashMap<>();
    topology.services().forEach((name, service) -> probes.put(name, probe(service)));
    List<Event<AnomalyEvent>> anomalies = new ArrayList<>();
    List<Event<AnomalyEvent>> slow = new ArrayList<>();
    List<String> quick = new ArrayList<>();
    probes.forEach(
        (service, result) -> {
          Probe probe = result.join();
          String problem = probe.problem();
          if (problem == null) {
            failing.remove(service);
            answered.accept(service, now);
            slowRoundTrips(service, probe.millis(), now)
                .ifPresentOrElse(slow::add, () -> quick.add(service));
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
    // Every service answering slowly at once is the prober's side (Scout or its host busy), not
    // theirs: slow round trips count only beside one that came back as fast as usual.
    if (!quick.isEmpty() || probes.size() == 1) {
      anomalies.addAll(slow);
    }
    return anomalies;
  }

  /** The probe's problem (null when healthy, else why not) and its round trip. */
  private CompletableFuture<Probe> probe(KnowledgeGraph.Service service) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(service.url() + service.health()))
            .timeout(timeout)
            .GET()
            .build();
    long sent = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              double millis = (System.nanoTime() - sent) / 1e6;
              if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                return new Probe(
                    cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    millis);
              }
              return new Probe(
                  response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode(),
                  millis);
            });
  }

  /**
   * Judges the median of the service's last round trips: while it is far above normal, the
   * service's answers come slowly as a caller sees them — reported as Scout's own calls to it (a
   * caller's view, not the service's own finding).
   */
  private Optional<Event<AnomalyEvent>> slowRoundTrips(String service, double millis, Instant now) {
    RoundTrips trips = roundTrips.computeIfAbsent(service, s -> new RoundTrips());
    OptionalDouble median = trips.add(millis);
    if (median.isEmpty()) {
      return Optional.empty();
    }
    RobustDetector.Verdict verdict = trips.detector.judge(median.getAsDouble());
    if (verdict.transition() == RobustDetector.Transition.FIRED) {
      trips.slowSince = now;
    }
    if (!verdict.report()) {
      return Optional.empty();
    }
    URI url = URI.create(topology.services().get(service).url());
    Anomaly anomaly =
        new Anomaly(
            "probe|" + service + "@" + trips.slowSince,
            PROBER,
            url.getHost() + ":" + url.getPort(),
            Signal.LATENCY,
            median.getAsDouble(),
            verdict.baseline(),
            "ms (liveness probe round trip, median of %d)".formatted(ROUND_TRIPS),
            new TimeWindow(trips.slowSince, now),
            List.of());
    return Optional.of(AnomalyEvents.of(anomaly, now));
  }

  /** Who calls the services when Scout probes them. */
  static final String PROBER = "scout";

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
