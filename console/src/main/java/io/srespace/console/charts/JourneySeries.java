package io.srespace.console.charts;

import io.srespace.console.ConsoleConfig;
import io.srespace.events.BusinessEvent;
import io.srespace.events.PurchaseRejected;
import io.srespace.events.QuotePurchased;
import io.srespace.events.QuoteRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The business over the last minutes, from the journey's events: quotes a second and the share of
 * quotes purchased, per chart step. A step with no quotes has no conversion rate (not zero).
 */
@ApplicationScoped
public class JourneySeries {
  private final Buckets buckets;
  private final Clock clock;
  private final Ring<Counts> ring;

  /** The first step with knowledge: the console's start, or an earlier event it was given. */
  private long since;

  @Inject
  public JourneySeries(ConsoleConfig config) {
    this(config, Clock.systemUTC());
  }

  JourneySeries(ConsoleConfig config, Clock clock) {
    this.buckets = new Buckets(config.history(), config.step());
    this.clock = clock;
    this.ring = new Ring<>(buckets, Counts::new, Counts::clear);
    this.since = buckets.number(clock.instant());
  }

  /** Counts one step of the journey at the time it happened; false when outside the span. */
  public synchronized boolean record(Instant at, BusinessEvent event) {
    long number = buckets.number(at);
    if (!buckets.kept(number, buckets.number(clock.instant()))) {
      return false;
    }
    since = Math.min(since, number);
    Counts counts = ring.slot(number);
    if (event instanceof QuoteRequested) {
      counts.quotes++;
    } else if (event instanceof QuotePurchased) {
      counts.purchases++;
    } else if (event instanceof PurchaseRejected) {
      counts.rejections++;
    }
    return true;
  }

  /** One point a step, oldest first, up to the step now running (left out: it is not over). */
  public synchronized List<JourneyPoint> points() {
    long now = buckets.number(clock.instant());
    double seconds = buckets.stepMillis() / 1000.0;
    List<JourneyPoint> points = new ArrayList<>(buckets.count());
    for (long number = now - buckets.count() + 1; number < now; number++) {
      Counts counts = ring.holding(number);
      long quoted = counts == null ? 0 : counts.quotes;
      long bought = counts == null ? 0 : counts.purchases;
      long refused = counts == null ? 0 : counts.rejections;
      points.add(
          new JourneyPoint(
              buckets.start(number),
              number < since ? null : quoted / seconds,
              quoted == 0 ? null : (double) bought / quoted,
              bought,
              refused));
    }
    return points;
  }

  /** What one step of the journey counted. */
  private static final class Counts {
    long quotes;
    long purchases;
    long rejections;

    void clear() {
      quotes = 0;
      purchases = 0;
      rejections = 0;
    }
  }

  /** One chart step of the business; nothing known (null) before the console's start. */
  public record JourneyPoint(
      Instant at, Double quotesPerSecond, Double conversion, long purchases, long rejections) {}
}
