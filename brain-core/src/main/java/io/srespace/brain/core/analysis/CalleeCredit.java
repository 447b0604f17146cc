package io.srespace.brain.core.analysis;

import java.util.HashMap;
import java.util.Map;

/**
 * The callers' view: spans that each credit the callee they had called last (if any), and a
 * finding's strength spread over those callees by their share of the spans.
 */
final class CalleeCredit {
  /** What the evidence says of a callee credited by {@code spans} of {@code total} spans. */
  @FunctionalInterface
  interface Describe {
    String of(int spans, int total, String exampleTrace);
  }

  private final Map<String, Integer> credited = new HashMap<>();
  private final Map<String, String> example = new HashMap<>();
  private int spans;

  /** One more span; {@code callee} is null when it had called no one. */
  void span(String callee, String traceId) {
    spans++;
    if (callee != null) {
      credited.merge(callee, 1, Integer::sum);
      example.putIfAbsent(callee, traceId);
    }
  }

  /** Adds {@code z} times each callee's share of the spans as callers' blame. */
  void addTo(SignalBoard board, double z, Describe describe) {
    credited.forEach(
        (callee, n) ->
            board.add(
                callee,
                Signal.CALLERS_BLAME,
                z * n / spans,
                describe.of(n, spans, example.get(callee))));
  }
}
