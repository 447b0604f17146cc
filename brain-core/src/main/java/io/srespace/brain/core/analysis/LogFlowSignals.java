package io.srespace.brain.core.analysis;

import io.srespace.brain.core.model.LogLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Broken log flows: within one span, a log template that always follows another in the baseline
 * (the same code path writes both) and now stops following it, as when code throws or returns early
 * between the two calls. Conditioning on the first template makes the signal immune to a change of
 * traffic mix, which moves how often a path runs but not how it ends.
 */
final class LogFlowSignals {

  /** In at least this share of baseline spans that write the first template, the second follows. */
  private static final double INVARIANT = 0.95;

  private static final int MIN_SUPPORT = 5;

  /** A gap in the baseline's log times that separates two reference periods. */
  private static final long PERIOD_GAP_NANOS = 120_000_000_000L;

  private final SignalBoard board;
  private final LogTemplates.Memo templates;

  LogFlowSignals(SignalBoard board) {
    this(board, new LogTemplates.Memo());
  }

  LogFlowSignals(SignalBoard board, LogTemplates.Memo templates) {
    this.board = board;
    this.templates = templates;
  }

  void brokenFlows(List<LogLine> baseline, List<LogLine> window) {
    List<Flow> windowFlows = flows(window);
    Set<String> written = new HashSet<>();
    for (Flow flow : windowFlows) {
      flow.templates.forEach(t -> written.add(flow.service + '\u0001' + t));
    }
    Map<String, long[]> together = new HashMap<>();
    for (List<LogLine> period : periods(baseline)) {
      pairRates(flows(period), written)
          .forEach((pair, counts) -> together.merge(pair, counts, LogFlowSignals::regular));
    }
    Map<String, long[]> invariants = new HashMap<>(together);
    invariants.values().removeIf(counts -> rate(counts) < INVARIANT);
    // An error or warning that stops following its predecessor is a recovery, not a fault.
    invariants
        .keySet()
        .removeIf(
            pair -> LogTemplates.reportsTrouble(pair.substring(pair.lastIndexOf('\u0001') + 1)));
    if (invariants.isEmpty()) {
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Integer> broken = new HashMap<>();
    Map<String, String> example = new HashMap<>();
    for (Flow flow : windowFlows) {
      for (String first : flow.templates) {
        for (String pair : pairsStartingWith(invariants, flow.service, first)) {
          seen.merge(pair, 1, Integer::sum);
          String second = pair.substring(pair.lastIndexOf('\u0001') + 1);
          if (flow.templates.contains(second)) {
            continue;
          }
          if (tookAnotherBranch(flow, first, second, together)) {
            seen.merge(pair, -1, Integer::sum);
          } else {
            broken.merge(pair, 1, Integer::sum);
            example.putIfAbsent(pair, flow.traceId);
          }
        }
      }
    }
    broken.forEach(
        (pair, n) -> {
          long[] counts = invariants.get(pair);
          double rate = rate(counts);
          double z = -Surprise.z(counts[0], counts[1], seen.get(pair) - n, seen.get(pair));
          String[] parts = pair.split("\u0001");
          board.add(
              parts[0],
              Signal.FLOW_BROKEN,
              z,
              "\"%s\" not followed by \"%s\" in %d of %d spans (baseline: %.0f%% followed), e.g. trace %s"
                  .formatted(parts[1], parts[2], n, seen.get(pair), 100 * rate, example.get(pair)));
        });
  }

  /**
   * True when the span wrote, instead of {@code second}, a template that the baseline saw after
   * {@code first} in some spans but not all: another branch of the same code, taken because of the
   * data, rather than code that stopped (which writes nothing more, or an error).
   */
  private static boolean tookAnotherBranch(
      Flow flow, String first, String second, Map<String, long[]> together) {
    for (String other : flow.templates) {
      if (other.equals(first) || other.equals(second) || LogTemplates.reportsTrouble(other)) {
        continue;
      }
      long[] counts = together.get(flow.service + '\u0001' + first + '\u0001' + other);
      if (counts != null && rate(counts) < INVARIANT) {
        return true;
      }
    }
    return false;
  }

  private final Map<String, List<String>> byFirst = new HashMap<>();

  private List<String> pairsStartingWith(
      Map<String, long[]> invariants, String service, String first) {
    if (byFirst.isEmpty()) {
      for (String pair : invariants.keySet()) {
        byFirst
            .computeIfAbsent(pair.substring(0, pair.lastIndexOf('\u0001')), k -> new ArrayList<>())
            .add(pair);
      }
    }
    return byFirst.getOrDefault(service + '\u0001' + first, List.of());
  }

  /**
   * Per pair of templates, the share of spans writing the first that also write the second; only
   * for first templates the window wrote, as no other pair can break there.
   */
  private static Map<String, long[]> pairRates(List<Flow> flows, Set<String> written) {
    Map<String, Integer> firsts = new HashMap<>();
    Map<String, Integer> both = new HashMap<>();
    for (Flow flow : flows) {
      for (String a : flow.templates) {
        String first = flow.service + '\u0001' + a;
        if (!written.contains(first)) {
          continue;
        }
        firsts.merge(first, 1, Integer::sum);
        for (String b : flow.templates) {
          if (!a.equals(b)) {
            both.merge(flow.service + '\u0001' + a + '\u0001' + b, 1, Integer::sum);
          }
        }
      }
    }
    Map<String, long[]> rates = new HashMap<>();
    both.forEach(
        (pair, n) -> {
          int support = firsts.get(pair.substring(0, pair.lastIndexOf('\u0001')));
          if (support >= MIN_SUPPORT) {
            rates.put(pair, new long[] {n, support});
          }
        });
    return rates;
  }

  private static double rate(long[] followedOfSupport) {
    return (double) followedOfSupport[0] / followedOfSupport[1];
  }

  /** Of two baseline periods, the one where the pair is the more regular. */
  private static long[] regular(long[] a, long[] b) {
    return rate(b) > rate(a) || (rate(b) == rate(a) && b[1] > a[1]) ? b : a;
  }

  private record Flow(String service, String traceId, Set<String> templates) {}

  /** The templates each span wrote, for lines that carry a span id. */
  private List<Flow> flows(List<LogLine> lines) {
    Map<String, Flow> bySpan = new HashMap<>();
    for (LogLine line : lines) {
      if (line.spanId() == null) {
        continue;
      }
      bySpan
          .computeIfAbsent(
              line.service() + '\u0001' + line.spanId(),
              k -> new Flow(line.service(), line.traceId(), new HashSet<>()))
          .templates()
          .add(templates.of(line));
    }
    return new ArrayList<>(bySpan.values());
  }

  /** The baseline split where its log times leave a gap: each stretch is its own reference. */
  private static List<List<LogLine>> periods(List<LogLine> baseline) {
    List<LogLine> sorted = new ArrayList<>(baseline);
    sorted.sort(Comparator.comparingLong(LogLine::timeNanos));
    List<List<LogLine>> periods = new ArrayList<>();
    List<LogLine> current = new ArrayList<>();
    long last = Long.MIN_VALUE;
    for (LogLine line : sorted) {
      if (!current.isEmpty() && line.timeNanos() - last > PERIOD_GAP_NANOS) {
        periods.add(current);
        current = new ArrayList<>();
      }
      current.add(line);
      last = line.timeNanos();
    }
    if (!current.isEmpty()) {
      periods.add(current);
    }
    return periods;
  }
}
