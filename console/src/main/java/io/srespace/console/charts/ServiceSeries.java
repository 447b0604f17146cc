package io.srespace.console.charts;

import io.srespace.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
  private final Map<String, Ring> services = new TreeMap<>();

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
    Ring ring = services.get(service);
    if (ring == null) {
      if (services.size() >= MOST_SERVICES) {
        return false;
      }
      ring = new Ring(buckets.count(), Math.min(number, now));
      services.put(service, ring);
    }
    ring.add(buckets.index(number), number, millis, failed);
    return true;
  }

  /** Each service's points, oldest first, up to the step now running (left out: not over). */
  public synchronized Map<String, List<ServicePoint>> points() {
    long now = buckets.number(clock.instant());
    double seconds = buckets.stepMillis() / 1000.0;
    Map<String, List<ServicePoint>> all = new TreeMap<>();
    services.forEach(
        (service, ring) -> {
          List<ServicePoint> points = new ArrayList<>(buckets.count());
          for (long number = now - buckets.count() + 1; number < now; number++) {
            points.add(ring.point(buckets.index(number), number, buckets.start(number), seconds));
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

  private static final class Ring {
    private final long[] numbers;
    private final long[] requests;
    private final long[] failures;
    private final LatencyHistogram[] latencies;
    private final long since;

    Ring(int size, long since) {
      this.since = since;
      numbers = new long[size];
      Arrays.fill(numbers, Long.MIN_VALUE);
      requests = new long[size];
      failures = new long[size];
      latencies = new LatencyHistogram[size];
    }

    void add(int index, long number, double millis, boolean failed) {
      if (numbers[index] != number) {
        numbers[index] = number;
        requests[index] = 0;
        failures[index] = 0;
        if (latencies[index] != null) {
          latencies[index].clear();
        }
      }
      if (latencies[index] == null) {
        latencies[index] = new LatencyHistogram();
      }
      requests[index]++;
      if (failed) {
        failures[index]++;
      }
      latencies[index].add(millis);
    }

    ServicePoint point(int index, long number, Instant at, double seconds) {
      if (number < since) {
        return new ServicePoint(at, null, null, null);
      }
      if (numbers[index] != number || requests[index] == 0) {
        return new ServicePoint(at, 0.0, null, null);
      }
      return new ServicePoint(
          at,
          requests[index] / seconds,
          (double) failures[index] / requests[index],
          latencies[index].quantile(0.95));
    }
  }
}
