package io.srespace.brain.core.nezha;

import io.srespace.brain.core.model.Span;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-times every trace after a fault changed some of its spans, keeping the rest consistent: a
 * parent waits for its children, a child started after its siblings ended moves with them, a
 * parallel one does not, and a handler whose call failed gives up.
 */
final class TraceRetimer {

  /** What a handler still does after a failed call before it answers: a little, never more. */
  private static final long GIVE_UP_NANOS = 1_000_000;

  /** How a fault acts on the spans of a trace; the defaults leave a span as it was. */
  interface Effect {

    /** Extra time before the child's request reaches it. */
    default long requestDelay(Span parent, Span child) {
      return 0;
    }

    /** Extra time before the child's answer reaches the parent. */
    default long responseDelay(Span parent, Span child) {
      return 0;
    }

    /** The factor on the span's own (exclusive) time. */
    default double selfFactor(Span span) {
      return 1;
    }

    /** The original time at which the span stops (it throws), or {@code Long.MAX_VALUE}. */
    default long stopsAt(Span span) {
      return Long.MAX_VALUE;
    }

    /** True when the span's caller cannot use its answer (an error or a wrong value). */
    default boolean failsCaller(Span span) {
      return false;
    }

    /** Told when {@code handler} gives up at {@code nanos} (new time) after {@code failed}. */
    default void gaveUp(Span handler, long nanos, Span failed) {}
  }

  /** The retimed spans by {@link SpanTree#key}; a span missing from both maps was removed. */
  record Result(Map<String, Span> retimed, Set<String> removed) {}

  private record Outcome(long endDelta, Span failed) {}

  private final SpanTree tree;
  private final Effect effect;
  private final Map<String, Span> retimed = new HashMap<>();
  private final Set<String> removed = new HashSet<>();

  private TraceRetimer(SpanTree tree, Effect effect) {
    this.tree = tree;
    this.effect = effect;
  }

  static Result retime(SpanTree tree, Effect effect) {
    TraceRetimer retimer = new TraceRetimer(tree, effect);
    for (Span root : tree.roots()) {
      retimer.visit(root, 0, Long.MAX_VALUE);
    }
    return new Result(retimer.retimed, retimer.removed);
  }

  /**
   * Walks the span's children in start order, grouped into runs of overlapping calls: the span
   * resumes after a run as late as the run's latest answer arrives, and its own work between runs
   * is stretched by the fault's factor. Returns how much later (or earlier) the span ends.
   */
  private Outcome visit(Span span, long shift, long cut) {
    long stop = Math.min(cut, effect.stopsAt(span));
    long end = Math.min(span.endNanos(), stop);
    double factor = effect.selfFactor(span);
    long lag = shift;
    long cursor = span.startNanos();
    Run run = null;
    Span passedOn = effect.failsCaller(span) ? span : null;
    boolean gaveUp = false;
    List<Span> children = tree.children(span);
    int i = 0;
    for (; i < children.size(); i++) {
      Span child = children.get(i);
      if (child.startNanos() >= stop) {
        break;
      }
      if (run != null && child.startNanos() >= run.end) {
        lag = run.resumeLag();
        cursor = run.end;
        if (run.failed != null) {
          gaveUp = givesUp(span, run, lag);
          passedOn = gaveUp ? null : run.failed;
          if (gaveUp) {
            break;
          }
        }
        run = null;
      }
      if (run == null) {
        lag += stretch(span, cursor, child.startNanos(), end, factor);
        run = new Run();
      }
      Outcome outcome = visit(child, lag + effect.requestDelay(span, child), stop);
      long childEnd = Math.min(child.endNanos(), stop);
      run.add(
          child,
          childEnd,
          child.endNanos() + outcome.endDelta() + effect.responseDelay(span, child),
          outcome.failed());
    }
    for (; i < children.size(); i++) {
      remove(children.get(i));
    }
    long newEnd;
    if (run != null) {
      lag = run.resumeLag();
      cursor = run.end;
      if (run.failed != null && !gaveUp) {
        gaveUp = givesUp(span, run, lag);
        passedOn = gaveUp ? null : run.failed;
      }
    }
    if (gaveUp) {
      newEnd = cursor + lag + Math.min(Math.max(0, end - cursor), GIVE_UP_NANOS);
    } else {
      newEnd = end + lag + stretch(span, cursor, end, end, factor);
    }
    long newStart = span.startNanos() + shift;
    retimed.put(
        SpanTree.key(span),
        new Span(
            span.traceId(),
            span.spanId(),
            span.parentId(),
            span.service(),
            span.operation(),
            newStart,
            Math.max(newStart, newEnd)));
    return new Outcome(newEnd - span.endNanos(), passedOn);
  }

  /**
   * A failed call reached {@code span}: a client span whose handler is its parent passes the
   * failure on; any other span gives up.
   */
  private boolean givesUp(Span span, Run run, long lag) {
    Span parent = tree.parent(span);
    boolean clientOfFailedCallee = !run.failedChild.service().equals(span.service());
    if (clientOfFailedCallee && parent != null && parent.service().equals(span.service())) {
      return false;
    }
    effect.gaveUp(span, run.end + lag, run.failed);
    return true;
  }

  private static long stretch(Span span, long from, long to, long end, double factor) {
    if (factor == 1) {
      return 0;
    }
    long own = Math.min(to, end) - Math.max(from, span.startNanos());
    return own <= 0 ? 0 : Math.round((factor - 1) * own);
  }

  private void remove(Span span) {
    Deque<Span> todo = new ArrayDeque<>();
    todo.push(span);
    while (!todo.isEmpty()) {
      Span next = todo.pop();
      if (removed.add(SpanTree.key(next))) {
        tree.children(next).forEach(todo::push);
      }
    }
  }

  /** Children that overlap in time: the parent waits for all of them before it goes on. */
  private static final class Run {
    long end = Long.MIN_VALUE;
    long newEnd = Long.MIN_VALUE;
    Span failed;
    Span failedChild;

    void add(Span child, long originalEnd, long arrives, Span failedCall) {
      end = Math.max(end, originalEnd);
      newEnd = Math.max(newEnd, arrives);
      if (failedCall != null && failed == null) {
        failed = failedCall;
        failedChild = child;
      }
    }

    long resumeLag() {
      return newEnd - end;
    }
  }
}
