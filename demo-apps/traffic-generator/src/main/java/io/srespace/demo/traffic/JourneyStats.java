package io.srespace.demo.traffic;

import java.util.concurrent.atomic.LongAdder;

/** What happened to the journeys of one reporting interval (or of the whole run). */
final class JourneyStats {
  final LongAdder started = new LongAdder();
  final LongAdder quotes = new LongAdder();
  final LongAdder quoteErrors = new LongAdder();
  final LongAdder purchases = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder purchaseErrors = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LatencyHistogram quoteLatency = new LatencyHistogram();

  long errors() {
    return quoteErrors.sum() + purchaseErrors.sum();
  }

  void addTo(JourneyStats total) {
    total.started.add(started.sum());
    total.quotes.add(quotes.sum());
    total.quoteErrors.add(quoteErrors.sum());
    total.purchases.add(purchases.sum());
    total.rejected.add(rejected.sum());
    total.purchaseErrors.add(purchaseErrors.sum());
    total.dropped.add(dropped.sum());
    quoteLatency.addTo(total.quoteLatency);
  }

  /** One line: rate, outcomes and quote latency percentiles over {@code seconds}. */
  String summary(double seconds) {
    return String.format(
        "rate=%.1f j/s quotes=%d errors=%d purchases=%d rejected=%d dropped=%d"
            + " p50=%dms p95=%dms p99=%dms",
        started.sum() / seconds,
        quotes.sum(),
        errors(),
        purchases.sum(),
        rejected.sum(),
        dropped.sum(),
        quoteLatency.percentile(0.50),
        quoteLatency.percentile(0.95),
        quoteLatency.percentile(0.99));
  }
}
