package io.srespace.bench.brain;

import static io.srespace.brain.traces.ZipkinJson.id;
import static io.srespace.brain.traces.ZipkinJson.micros;
import static io.srespace.brain.traces.ZipkinJson.span;

import io.srespace.brain.traces.ZipkinServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The demo's quote journeys as Zipkin would hold them: a history of normal traffic, then a second's
 * worth posted every second, so Brain reads windows and baselines of realistic size.
 */
final class DemoTraffic implements AutoCloseable {
  private final ZipkinServer zipkin;
  private final int perSecond;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  private DemoTraffic(ZipkinServer zipkin, int perSecond) {
    this.zipkin = zipkin;
    this.perSecond = perSecond;
  }

  static DemoTraffic start(ZipkinServer zipkin, Duration history, int perSecond) {
    DemoTraffic traffic = new DemoTraffic(zipkin, perSecond);
    Instant now = Instant.now();
    List<Map<String, Object>> batch = new ArrayList<>();
    for (Instant second = now.minus(history);
        second.isBefore(now);
        second = second.plusSeconds(1)) {
      batch.addAll(traffic.second(second));
      if (batch.size() > 2_000) {
        zipkin.post(batch);
        batch = new ArrayList<>();
      }
    }
    zipkin.post(batch);
    traffic.timer.scheduleAtFixedRate(
        () -> zipkin.post(traffic.second(Instant.now().minusSeconds(1))), 1, 1, TimeUnit.SECONDS);
    return traffic;
  }

  private List<Map<String, Object>> second(Instant start) {
    List<Map<String, Object>> spans = new ArrayList<>();
    for (int i = 0; i < perSecond; i++) {
      spans.addAll(journey(start.plusMillis(i * 1000L / perSecond)));
    }
    return spans;
  }

  /** quote-service asks user-service for the customer and policy-service for the price. */
  private static List<Map<String, Object>> journey(Instant start) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String trace = id(16);
    String root = id(8);
    long t = micros(start);
    long user = 1_500 + random.nextInt(1_500);
    long policy = 4_000 + random.nextInt(4_000);
    List<Map<String, Object>> spans = new ArrayList<>();
    spans.add(
        span(
            trace,
            root,
            null,
            "quote-service",
            "post /quotes",
            "SERVER",
            t,
            user + policy + 2_000));
    String userCall = id(8);
    spans.add(span(trace, userCall, root, "quote-service", "get", "CLIENT", t + 300, user + 300));
    spans.add(
        span(
            trace,
            id(8),
            userCall,
            "user-service",
            "get /users/{customerid}",
            "SERVER",
            t + 450,
            user));
    String policyCall = id(8);
    spans.add(
        span(
            trace,
            policyCall,
            root,
            "quote-service",
            "post",
            "CLIENT",
            t + user + 900,
            policy + 300));
    spans.add(
        span(
            trace,
            id(8),
            policyCall,
            "policy-service",
            "post /prices",
            "SERVER",
            t + user + 1_050,
            policy));
    return spans;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
