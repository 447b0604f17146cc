package io.srespace.brain.traces;

import io.srespace.brain.core.model.Span;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/** A query's [start, end) in the units the backends ask for, and whether a trace started in it. */
record TraceWindow(Instant start, Instant end) {

  TraceWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("window start " + start + " is not before end " + end);
    }
  }

  long startMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, start);
  }

  long endMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, end);
  }

  /** The end in whole milliseconds, rounded up so the window is never cut short. */
  long endMillisCeiling() {
    long millis = end.toEpochMilli();
    return end.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  /** How far back from {@link #endMillisCeiling()} the window reaches, in whole milliseconds. */
  long lookbackMillis() {
    return endMillisCeiling() - start.toEpochMilli();
  }

  /**
   * The spans of at most {@code limit} traces that started in this window. A backend searches a
   * wider window and counts the traces outside it against its limit, so while it fills the limit
   * and some of its traces fall outside, it is asked again for as many more.
   */
  List<Span> spansOfTraces(int limit, IntFunction<List<List<Span>>> search) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    int asked = limit;
    while (true) {
      List<List<Span>> found = search.apply(asked);
      List<Span> spans = new ArrayList<>();
      int kept = 0;
      int outside = 0;
      for (List<Span> trace : found) {
        if (!holds(trace)) {
          outside++;
        } else if (kept < limit) {
          spans.addAll(trace);
          kept++;
        }
      }
      if (kept == limit || found.size() < asked || outside == 0) {
        return spans;
      }
      asked += outside;
    }
  }

  /** A trace starts at its root span; without one, at its earliest span (as Zipkin decides). */
  boolean holds(List<Span> trace) {
    long rootStart = Long.MAX_VALUE;
    long earliest = Long.MAX_VALUE;
    for (Span span : trace) {
      earliest = Math.min(earliest, span.startNanos());
      if (span.isRoot()) {
        rootStart = Math.min(rootStart, span.startNanos());
      }
    }
    long traceStart = rootStart != Long.MAX_VALUE ? rootStart : earliest;
    return !trace.isEmpty() && traceStart >= nanos(start) && traceStart < nanos(end);
  }

  static long nanos(Instant instant) {
    return ChronoUnit.NANOS.between(Instant.EPOCH, instant);
  }
}
