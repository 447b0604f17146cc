package io.srespace.brain.core.nezha;

import io.srespace.brain.core.model.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of a window as trace trees, so a fault can be walked from callers to callees; a span
 * whose parent is not in the window is a root of its own subtree.
 */
final class SpanTree {

  private static final Comparator<Span> BY_START =
      Comparator.comparingLong(Span::startNanos).thenComparingLong(Span::endNanos);

  private final Map<String, Span> byKey = new HashMap<>();
  private final Map<String, List<Span>> children = new HashMap<>();
  private final List<Span> roots = new ArrayList<>();

  SpanTree(List<Span> spans) {
    for (Span span : spans) {
      byKey.put(key(span.traceId(), span.spanId()), span);
    }
    for (Span span : spans) {
      Span parent = parent(span);
      if (parent == null) {
        roots.add(span);
      } else {
        children.computeIfAbsent(key(parent), k -> new ArrayList<>(4)).add(span);
      }
    }
    children.values().forEach(list -> list.sort(BY_START));
  }

  static String key(String traceId, String spanId) {
    return traceId + '\u0000' + spanId;
  }

  static String key(Span span) {
    return key(span.traceId(), span.spanId());
  }

  /** The parent span when it is in the window, else null. */
  Span parent(Span span) {
    return span.parentId() == null ? null : byKey.get(key(span.traceId(), span.parentId()));
  }

  /** The children in start order. */
  List<Span> children(Span span) {
    return children.getOrDefault(key(span), List.of());
  }

  /** Spans without a parent in the window, in window order. */
  List<Span> roots() {
    return roots;
  }

  /**
   * True for the span a service starts a request with: a root, or a span whose parent is another
   * service's (or not in the window).
   */
  boolean isEntry(Span span) {
    Span parent = parent(span);
    return parent == null || !parent.service().equals(span.service());
  }

  /** The caller's span that goes on after a call into {@code entry} returns. */
  Span handlerOf(Span entry) {
    Span call = parent(entry);
    if (call == null || call.service().equals(entry.service())) {
      return null;
    }
    Span handler = parent(call);
    return handler != null && handler.service().equals(call.service()) ? handler : call;
  }
}
