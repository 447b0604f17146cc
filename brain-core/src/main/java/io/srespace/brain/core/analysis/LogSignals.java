package io.srespace.brain.core.analysis;

import io.srespace.brain.core.model.LogLine;
import io.srespace.brain.core.model.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Log findings: bursts of error templates against their baseline rate, and the callers' view of an
 * error (the service a caller had just called when it logged the error).
 */
final class LogSignals {

  private static final double BURST = 3.0;

  private final SignalBoard board;
  private final LogTemplates.Memo templates;

  LogSignals(SignalBoard board, LogTemplates.Memo templates) {
    this.board = board;
    this.templates = templates;
  }

  void errors(List<LogLine> baseline, List<LogLine> window, SpanGraph spans) {
    Map<String, Integer> volumeBefore = new HashMap<>();
    Map<String, Integer> volumeAfter = new HashMap<>();
    Map<String, Integer> before = new HashMap<>();
    for (LogLine line : baseline) {
      volumeBefore.merge(line.service(), 1, Integer::sum);
      if (LogTemplates.isError(line.message()) || LogTemplates.isWarning(line.message())) {
        before.merge(key(line), 1, Integer::sum);
      }
    }
    Map<String, List<LogLine>> after = new HashMap<>();
    for (LogLine line : window) {
      board.seen(line.service());
      volumeAfter.merge(line.service(), 1, Integer::sum);
      if (LogTemplates.isError(line.message()) || LogTemplates.isWarning(line.message())) {
        after.computeIfAbsent(key(line), k -> new ArrayList<>()).add(line);
      }
    }
    for (Map.Entry<String, List<LogLine>> entry : after.entrySet()) {
      List<LogLine> lines = entry.getValue();
      String service = lines.get(0).service();
      // Scaled by the service's own log volume, so a busier service is not an error burst.
      int baseVolume = volumeBefore.getOrDefault(service, 0);
      double expected =
          baseVolume == 0
              ? 0
              : before.getOrDefault(entry.getKey(), 0)
                  * (double) volumeAfter.get(service)
                  / baseVolume;
      double z = (lines.size() - expected) / Math.sqrt(expected + 1);
      if (!LogTemplates.isError(lines.get(0).message())) {
        z *= 0.5;
      }
      if (z < BURST) {
        continue;
      }
      String template = entry.getKey().substring(entry.getKey().indexOf('|') + 1);
      board.add(
          service,
          Signal.LOG_ERRORS,
          z,
          "%d lines of \"%s\" where the baseline predicts %.1f, e.g. trace %s"
              .formatted(lines.size(), template, expected, lines.get(0).traceId()));
      blameCallees(service, template, z, lines, spans);
    }
  }

  /** Credits the callee each erroring span had called last before the error was logged. */
  private void blameCallees(
      String service, String template, double z, List<LogLine> lines, SpanGraph spans) {
    if (spans.spans.isEmpty()) {
      return;
    }
    CalleeCredit credit = new CalleeCredit();
    for (LogLine line : lines) {
      Span span = line.spanId() == null ? null : spans.byId.get(line.spanId());
      if (span == null) {
        continue;
      }
      Span last = lastCallBefore(span, line.timeNanos(), spans, 0);
      credit.span(last == null ? null : last.service(), line.traceId());
    }
    credit.addTo(
        board,
        z,
        (n, total, trace) ->
            "%s logged \"%s\" right after calling it in %d of %d spans, e.g. trace %s"
                .formatted(service, template, n, total, trace));
  }

  private static Span lastCallBefore(Span span, long timeNanos, SpanGraph spans, int depth) {
    Span best = null;
    if (depth > 4) {
      return null;
    }
    for (Span kid : spans.childrenOf(span)) {
      Span candidate =
          kid.service().equals(span.service())
              ? lastCallBefore(kid, timeNanos, spans, depth + 1)
              : kid;
      if (candidate != null
          && candidate.startNanos() <= timeNanos
          && (best == null || candidate.endNanos() > best.endNanos())) {
        best = candidate;
      }
    }
    return best;
  }

  private String key(LogLine line) {
    return line.service() + "|" + templates.of(line);
  }

  static double minutes(List<LogLine> lines) {
    if (lines.isEmpty()) {
      return 0;
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (LogLine line : lines) {
      first = Math.min(first, line.timeNanos());
      last = Math.max(last, line.timeNanos());
    }
    return Math.max(1e-9 * (last - first), 1.0) / 60.0;
  }
}
