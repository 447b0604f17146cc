package io.srespace.scout.spans;

import io.srespace.knowledge.KnowledgeGraph;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Bounds how many services and edges Scout keeps windows and detectors for. Names come from span
 * attributes, which anyone who can send telemetry writes: every service of the knowledge graph, and
 * its calls to services the graph can name, always count; of the rest at most {@code limit} keys
 * are followed at once (one unseen for ten minutes makes room for a new one), and spans of any
 * other are dropped and counted.
 */
public final class KeyBudget implements Predicate<SpanKey> {
  private static final AtomicLong DROPPED = new AtomicLong();

  private final KnowledgeGraph graph;
  private final int limit;

  /** How long a key the graph cannot name keeps its place without being seen. */
  static final Duration HOLD = Duration.ofMinutes(10);

  private final Map<SpanKey, Instant> unknown = new LinkedHashMap<>(16, 0.75f, true);
  private final Clock clock;

  public KeyBudget(KnowledgeGraph graph, int limit) {
    this(graph, limit, Clock.systemUTC());
  }

  KeyBudget(KnowledgeGraph graph, int limit, Clock clock) {
    this.graph = graph;
    this.limit = limit;
    this.clock = clock;
  }

  /** Summaries dropped since this process started because their key was over the budget. */
  public static long dropped() {
    return DROPPED.get();
  }

  @Override
  public synchronized boolean test(SpanKey key) {
    if (graph.knows(key.service())
        && (key.peer() == null
            || graph.knows(key.peer())
            || graph.serviceAt(key.peer()).isPresent())) {
      return true;
    }
    Instant now = clock.instant();
    if (unknown.containsKey(key)) {
      unknown.put(key, now);
      return true;
    }
    if (unknown.size() >= limit) {
      var eldest = unknown.entrySet().iterator().next();
      if (eldest.getValue().isAfter(now.minus(HOLD))) {
        DROPPED.incrementAndGet();
        return false;
      }
      unknown.remove(eldest.getKey());
    }
    unknown.put(key, now);
    return true;
  }
}
