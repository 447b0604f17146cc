package io.srespace.scout.spans;

import java.time.Instant;

/** The closed window of one service or edge: what detectors look at. Latencies in milliseconds. */
public record SpanWindow(
    String service,
    String peer,
    Instant start,
    Instant end,
    long requests,
    long errors,
    double p50,
    double p95,
    double p99,
    String sampleErrorTrace,
    String sampleSlowTrace) {

  static SpanWindow of(SpanKey key, Instant start, Instant end, SpanStats stats) {
    return new SpanWindow(
        key.service(),
        key.peer(),
        start,
        end,
        stats.requests(),
        stats.errors(),
        stats.latencyMillis(0.50),
        stats.latencyMillis(0.95),
        stats.latencyMillis(0.99),
        stats.sampleErrorTrace(),
        stats.sampleSlowTrace());
  }

  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }
}
