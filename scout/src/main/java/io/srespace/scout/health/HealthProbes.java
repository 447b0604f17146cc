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
import java.net.http.HttpTimeoutException;
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
 *
 * <p>A run of timed-out probes is a stopped process only where the service answered steadily
 * before. Where probes timed out and were answered again shortly before (fewer in a row than fire,
 * within {@link #INTERMITTENT_WITHIN}, and not {@link #STEADY_ANSWERS} quick answers in a row
 * since), the way to the service loses or holds back packets — TCP sends them again after 200 ms or
 * more, a new connection's first packet after a second — and a run of timeouts is bad luck on that
 * way, not a process that stopped: it is reported as latency on Scout's calls to the service, as
 * slow answers are, until it has lasted {@link #INTERMITTENT_LIMIT} probes (a process that hangs on
 * a lossy network is down all the same).
 */
public final class HealthProbes {
  private final KnowledgeGraph topology;
  private final HttpClient http;
  private final Duration timeout;
  private final int failuresToFire;
  private final Map<String, Failing> failing = new HashMap<>();
  private final Map<String, RoundTrips> roundTrips = new HashMap<>();

  /**
   * A service's last short run of timeouts that ended with an answer, kept until it has answered
   * {@link #STEADY_ANSWERS} probes in a row quickly since.
   */
  private final Map<String, TimeoutsThatPassed> timeoutsThatPassed = new HashMap<>();

  /** When a short run of timeouts ended with an answer, and the quick answers in a row since. */
  private record TimeoutsThatPassed(Instant at, int quickAnswersSince) {}

  private final BiConsumer<String, Instant> answered;

  /** A run of failed probes; {@code timeouts}: every one of them timed out. */
  private record Failing(Instant since, int count, String reason, boolean timeouts) {}

  /** A probe's outcome: null problem when healthy, and how long it took. */
  private record Probe(String problem, double millis, boolean timedOut) {}

  /** How long ago timeouts that passed make a run of timeouts the way's, not the process's. */
  static final Duration INTERMITTENT_WITHIN = Duration.ofSeconds(60);

  /** Timeouts in a row after which the service is reported down whatever came before. */
  static final int INTERMITTENT_LIMIT = 10;

  /**
   * Quick answers in a row (each under {@link #RETRANSMITTED_MILLIS}) after which timeouts that
   * passed are forgotten: the way has healed (on a way losing 30 % of its packets about half the
   * probes are answered quickly, so ten in a row are rare there).
   */
  static final int STEADY_ANSWERS = 10;

  /** The least time a probe takes when TCP had to send a packet again. */
  static final double RETRANSMITTED_MILLIS = 200;

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
            Failing ended = failing.remove(service);
            if (ended != null && ended.timeouts() && ended.count() < failuresToFire) {
              timeoutsThatPassed.put(service, new TimeoutsThatPassed(now, 0));
            }
            timeoutsThatPassed.computeIfPresent(
                service,
                (name, passed) -> {
                  int inARow =
                      probe.millis() < RETRANSMITTED_MILLIS ? passed.quickAnswersSince() + 1 : 0;
                  return inARow >= STEADY_ANSWERS
                      ? null
                      : new TimeoutsThatPassed(passed.at(), inARow);
                });
            answered.accept(service, now);
            slowRoundTrips(service, probe.millis(), now)
                .ifPresentOrElse(slow::add, () -> quick.add(service));
            return;
          }
          Failing before = failing.get(service);
          Failing nowFailing =
              before == null
                  ? new Failing(now, 1, problem, probe.timedOut())
                  : new Failing(
                      before.since(),
                      before.count() + 1,
                      problem,
                      before.timeouts() && probe.timedOut());
          failing.put(service, nowFailing);
          if (nowFailing.count() >= failuresToFire) {
            anomalies.add(
                intermittent(service, nowFailing)
                    ? timeoutsOnTheWay(service, nowFailing, now)
                    : anomaly(service, nowFailing, now));
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
                    millis,
                    cause instanceof HttpTimeoutException);
              }
              return new Probe(
                  response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode(),
                  millis,
                  false);
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
    Anomaly anomaly =
        new Anomaly(
            "probe|" + service + "@" + trips.slowSince,
            PROBER,
            address(service),
            Signal.LATENCY,
            median.getAsDouble(),
            verdict.baseline(),
            "ms (liveness probe round trip, median of %d)".formatted(ROUND_TRIPS),
            new TimeWindow(trips.slowSince, now),
            List.of());
    return Optional.of(AnomalyEvents.of(anomaly, now));
  }

  /**
   * Whether the run is timeouts on a way that lost or held back packets before: timeouts that
   * passed shortly before it began, and the run not yet {@link #INTERMITTENT_LIMIT} long.
   */
  private boolean intermittent(String service, Failing run) {
    TimeoutsThatPassed passed = timeoutsThatPassed.get(service);
    return run.timeouts()
        && run.count() < INTERMITTENT_LIMIT
        && passed != null
        && !passed.at().isBefore(run.since().minus(INTERMITTENT_WITHIN));
  }

  /** A run of timeouts on a flaky way, as latency on Scout's calls to the service. */
  private Event<AnomalyEvent> timeoutsOnTheWay(String service, Failing run, Instant now) {
    RoundTrips trips = roundTrips.get(service);
    double normal = trips == null || !trips.detector.warmedUp() ? 0 : trips.detector.baseline();
    Anomaly anomaly =
        new Anomaly(
            "timeouts|" + service + "@" + run.since(),
            PROBER,
            address(service),
            Signal.LATENCY,
            timeout.toMillis(),
            normal,
            ("ms (liveness probe round trip: %d timed out in a row, after probes that timed out and"
                    + " were answered again: the way to the service loses or holds back packets)")
                .formatted(run.count()),
            new TimeWindow(run.since(), now),
            List.of());
    return AnomalyEvents.of(anomaly, now);
  }

  private String address(String service) {
    URI url = URI.create(topology.services().get(service).url());
    return url.getHost() + ":" + url.getPort();
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
