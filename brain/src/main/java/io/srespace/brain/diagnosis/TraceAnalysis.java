package io.srespace.brain.diagnosis;

import io.srespace.brain.core.analysis.RootCauseAnalyser;
import io.srespace.brain.core.model.Case;
import io.srespace.brain.core.model.Diagnosis;
import io.srespace.brain.core.model.Observations;
import io.srespace.brain.core.model.RankedSuspect;
import io.srespace.brain.core.model.Span;
import io.srespace.brain.core.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the analysis core on the traces of a period against a baseline that ends a gap before it, so
 * the fault's own beginning never counts as normal.
 */
public final class TraceAnalysis {
  private final TraceEvidence traces;
  private final Duration baseline;
  private final Duration baselineGap;
  private final RootCauseAnalyser analyser = new RootCauseAnalyser();

  public TraceAnalysis(TraceEvidence traces, Duration baseline, Duration baselineGap) {
    this.traces = traces;
    this.baseline = baseline;
    this.baselineGap = baselineGap;
  }

  /**
   * The core's suspects with a positive score, most likely first; notes say what was (not) used.
   * Failures of the trace store are noted, not thrown: a diagnosis goes on without traces.
   */
  public Map<String, RankedSuspect> suspects(
      String caseId,
      Collection<String> services,
      Instant start,
      Instant end,
      Topology topology,
      List<String> notes) {
    Instant baselineEnd = start.minus(baselineGap);
    try {
      List<Span> window = traces.spans(services, start, end);
      List<Span> before = traces.spans(services, baselineEnd.minus(baseline), baselineEnd);
      notes.add(
          "traces from %s: %d spans in the window, %d in the baseline"
              .formatted(traces.describe(), window.size(), before.size()));
      if (window.isEmpty()) {
        return Map.of();
      }
      Diagnosis diagnosis =
          analyser.analyse(
              new Case(
                  caseId,
                  nanos(start),
                  nanos(end.isAfter(start) ? end : start.plusSeconds(1)),
                  new Observations(window, List.of(), List.of()),
                  new Observations(before, List.of(), List.of()),
                  topology));
      notes.addAll(diagnosis.notes());
      Map<String, RankedSuspect> suspects = new LinkedHashMap<>();
      diagnosis.suspects().stream()
          .filter(suspect -> suspect.score() > 0)
          .forEach(suspect -> suspects.put(suspect.service(), suspect));
      return suspects;
    } catch (RuntimeException e) {
      notes.add("traces not read: " + e.getMessage());
      return Map.of();
    }
  }

  private static long nanos(Instant instant) {
    return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
  }
}
