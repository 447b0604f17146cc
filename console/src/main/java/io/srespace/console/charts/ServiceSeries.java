package io.srespace.console.charts;

import io.srespace.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each service's health over the last minutes, from the requests it served (its server spans):
 * requests a second, the share that failed, and the 95th percentile of their durations, per step.
 */
@ApplicationScoped
public class ServiceSeries {
  /** Services beyond this many are not charted: span attributes come from outside. */
  static final int MOST_SERVICES = 50;

  private final Buckets buckets;
  private final Clock clock;
  private final Map<String, Service> services = new TreeMap<>();

  @Inject
  public ServiceSeries(ConsoleConfig config) {
    this(config, Clock.systemUTC());
  }

  ServiceSeries(ConsoleConfig config, Clock clock) {
    this.buckets = new Buckets(config.history(), config.step());
    this.clock = clock;
  }

  /** Counts one request a service served; false when outside the span or one service too many. */
  public synchronized boolean record(String service, Instant end, double millis, boolean failed) {
    long number = buckets.number(end);
    long now = buckets.number(clock.instant());
    if (!buckets.kept(number, now)) {
      return false;
    }
    Service served = services.get(service);
    if (served == null) {
      if (services.size() >= MOST_SERVICES) {
        return false;
      }
      served = new Service(buckets, Math.min(number, now));
      services.put(service, served);
    }
    served.add(number, millis, failed);
    return true;
  }

  /** Each service's points, oldest first, up to the step now running (left out: not over). */
  public synchronized Map<String, List<ServicePoint>> points() {
    long now = buckets.number(clock.instant());
    double seconds = buckets.stepMillis() / 1000.0;
    Map<String, List<ServicePoint>> all = new TreeMap<>();
    services.forEach(
        (service, served) -> {
          List<ServicePoint> points = new ArrayList<>(buckets.count());
          for (long number = now - buckets.count() + 1; number < now; number++) {
            points.add(served.point(number, buckets.start(number), seconds));
          }
          all.put(service, points);
        });
    return all;
  }

  /**
   * One chart step of one service; no error rate or latency without requests, and nothing at all
   * before the console first heard of the service.
   */
  public record ServicePoint(
      Instant at, Double requestsPerSecond, Double errorRate, Double p95Millis) {}

  /** One service's steps, from the first it was heard of. */
  private static final class Service {
    private final Ring<Step> ring;
    private final long since;

    Service(Buckets buckets, long since) {
      this.ring = new Ring<>(buckets, Step::new, Step::clear);
      this.since = since;
    }

    void add(long number, double millis, boolean failed) {
      Step step = ring.slot(number);
      step.requests++;
      if (failed) {
        step.failures++;
      }
      step.latencies.add(millis);
    }

    ServicePoint point(long number, Instant at, double seconds) {
      if (number < since) {
        return new ServicePoint(at, null, null, null);
      }
      Step step = ring.holding(number);
      if (step == null || step.requests == 0) {
        return new ServicePoint(at, 0.0, null, null);
      }
      return new ServicePoint(
          at,
          step.requests / seconds,
          (double) step.failures / step.requests,
          step.latencies.quantile(0.95));
    }
  }

  /** What one step of one service counted. */
  private static final class Step {
    long requests;
    long failures;
    final LatencyHistogram latencies = new LatencyHistogram();

    void clear() {
      requests = 0;
      failures = 0;
      latencies.clear();
    }
  }
}
