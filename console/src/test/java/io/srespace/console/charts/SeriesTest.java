package io.srespace.console.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.srespace.console.ConsoleConfig;
import io.srespace.console.TestConfig;
import io.srespace.events.BusinessEvent;
import io.srespace.events.GoldenEvents;
import io.srespace.events.PurchaseRejected;
import io.srespace.events.QuotePurchased;
import io.srespace.events.QuoteRequested;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesTest {
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:02Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void theBusinessIsQuotesASecondAndTheSharePurchasedPerStep() {
    JourneySeries journey = new JourneySeries(config(), CLOCK);
    Instant step = Instant.parse("2026-12-05T09:59:55Z");
    for (int i = 0; i < 20; i++) {
      journey.record(step.plusMillis(200L * i), business(QuoteRequested.class));
    }
    for (int i = 0; i < 5; i++) {
      journey.record(step.plusSeconds(1), business(QuotePurchased.class));
    }
    journey.record(step.plusSeconds(2), business(PurchaseRejected.class));

    List<JourneySeries.JourneyPoint> points = journey.points();

    assertThat(points).hasSize(179);
    JourneySeries.JourneyPoint last = points.get(points.size() - 1);
    assertThat(last.at()).isEqualTo(step);
    assertThat(last.quotesPerSecond()).isEqualTo(4.0);
    assertThat(last.conversion()).isEqualTo(0.25);
    assertThat(last.rejections()).isEqualTo(1);
    assertThat(points.get(0).conversion()).as("no quotes: no rate, not zero").isNull();
    assertThat(points.get(0).quotesPerSecond()).as("before anything was known").isNull();
  }

  @Test
  void eventsOutsideTheSpanAreNotCounted() {
    JourneySeries journey = new JourneySeries(config(), CLOCK);

    assertThat(journey.record(NOW.minus(Duration.ofMinutes(16)), business(QuoteRequested.class)))
        .isFalse();
    assertThat(journey.record(NOW.plus(Duration.ofMinutes(1)), business(QuoteRequested.class)))
        .isFalse();
    assertThat(journey.points())
        .as("before the console's start nothing is known, after it nothing happened")
        .allMatch(point -> point.quotesPerSecond() == null || point.quotesPerSecond() == 0)
        .anyMatch(point -> point.quotesPerSecond() == null);
  }

  @Test
  void aServiceIsItsRequestRateErrorRateAndP95() {
    ServiceSeries services = new ServiceSeries(config(), CLOCK);
    Instant step = Instant.parse("2026-12-05T09:59:55Z");
    for (int i = 1; i <= 100; i++) {
      services.record("policy-service", step.plusMillis(i), i, i > 90);
    }

    ServiceSeries.ServicePoint last = services.points().get("policy-service").get(178);

    assertThat(last.requestsPerSecond()).isEqualTo(20.0);
    assertThat(last.errorRate()).isEqualTo(0.10);
    assertThat(last.p95Millis()).isCloseTo(95.0, within(9.5));
  }

  @Test
  void aBucketTheRingComesRoundToStartsEmpty() {
    Instant start = Instant.parse("2026-12-05T09:40:00Z");
    MovingClock clock = new MovingClock(start);
    ServiceSeries services = new ServiceSeries(config(), clock);
    services.record("user-service", start.minusSeconds(3), 5, true);

    clock.now = start.plus(Duration.ofMinutes(15));
    services.record("user-service", start.minusSeconds(3).plus(Duration.ofMinutes(15)), 5, false);

    List<ServiceSeries.ServicePoint> points = services.points().get("user-service");
    assertThat(points.get(points.size() - 1).requestsPerSecond()).isEqualTo(0.2);
    assertThat(points.get(points.size() - 1).errorRate()).isEqualTo(0.0);
  }

  /** A clock a test moves on. */
  private static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void aHistogramReadsAnyQuantileWithinATenth() {
    LatencyHistogram histogram = new LatencyHistogram();
    Random random = new Random(7);
    double[] values = new double[10_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextGaussian() * 1.5 + 3);
      histogram.add(values[i]);
    }
    Arrays.sort(values);

    for (double quantile : new double[] {0.5, 0.95, 0.99}) {
      double exact = values[(int) Math.ceil(quantile * values.length) - 1];
      assertThat(histogram.quantile(quantile)).isBetween(exact, exact * 1.1);
    }
    assertThat(new LatencyHistogram().quantile(0.95)).isNaN();
  }

  private static BusinessEvent business(Class<? extends BusinessEvent> type) {
    return GoldenEvents.event(type, BusinessEvent.class).data();
  }

  private static ConsoleConfig config() {
    return TestConfig.defaults();
  }
}
