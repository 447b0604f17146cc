package io.srespace.brain.core.analysis;

import io.srespace.brain.core.model.Span;
import io.srespace.brain.core.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Spans of one period indexed by id and parent, with each span's exclusive (self) time. */
final class SpanGraph {

  final List<Span> spans;
  final Map<String, Span> byId = new HashMap<>();
  final Map<String, List<Span>> children = new HashMap<>();
  final long firstNanos;
  final long lastNanos;

  SpanGraph(List<Span> spans) {
    this.spans = spans;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Span span : spans) {
      byId.put(span.spanId(), span);
      if (span.parentId() != null) {
        children.computeIfAbsent(span.parentId(), k -> new ArrayList<>(4)).add(span);
      }
      first = Math.min(first, span.startNanos());
      last = Math.max(last, span.startNanos());
    }
    firstNanos = first;
    lastNanos = last;
  }

  List<Span> childrenOf(Span span) {
    return children.getOrDefault(span.spanId(), List.of());
  }

  double minutes() {
    return spans.isEmpty() ? 0 : Math.max(1e-9 * (lastNanos - firstNanos), 1.0) / 60.0;
  }

  /** The callee service when every child of the span runs in one other service, else null. */
  String calleeOf(Span span) {
    List<Span> kids = childrenOf(span);
    if (kids.isEmpty()) {
      return null;
    }
    String callee = kids.get(0).service();
    for (Span kid : kids) {
      if (kid.service().equals(span.service()) || !kid.service().equals(callee)) {
        return null;
      }
    }
    return callee;
  }

  /** Duration minus the union of the children's intervals, in microseconds. */
  double exclusiveMicros(Span span) {
    List<Span> kids = childrenOf(span);
    if (kids.isEmpty()) {
      return span.durationMicros();
    }
    long[][] intervals = new long[kids.size()][];
    for (int i = 0; i < kids.size(); i++) {
      Span kid = kids.get(i);
      intervals[i] =
          new long[] {
            Math.max(kid.startNanos(), span.startNanos()), Math.min(kid.endNanos(), span.endNanos())
          };
    }
    java.util.Arrays.sort(intervals, (a, b) -> Long.compare(a[0], b[0]));
    long covered = 0;
    long curStart = Long.MIN_VALUE;
    long curEnd = Long.MIN_VALUE;
    for (long[] in : intervals) {
      if (in[1] <= in[0]) {
        continue;
      }
      if (in[0] > curEnd) {
        covered += Math.max(0, curEnd - curStart);
        curStart = in[0];
        curEnd = in[1];
      } else {
        curEnd = Math.max(curEnd, in[1]);
      }
    }
    covered += Math.max(0, curEnd - curStart);
    return Math.max(0, (span.endNanos() - span.startNanos() - covered) / 1_000.0);
  }

  Topology topology() {
    Map<String, Set<String>> callees = new TreeMap<>();
    for (Span span : spans) {
      Span parent = span.parentId() == null ? null : byId.get(span.parentId());
      if (parent != null && !parent.service().equals(span.service())) {
        callees.computeIfAbsent(parent.service(), k -> new TreeSet<>()).add(span.service());
      }
    }
    return new Topology(callees);
  }
}
