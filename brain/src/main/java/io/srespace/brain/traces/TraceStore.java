package io.srespace.brain.traces;

import io.srespace.brain.core.model.Span;
import io.srespace.brain.core.model.Topology;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where Brain reads traces: the spans of an incident's window and of its baseline, one trace named
 * as evidence, and which service calls which. Adapters speak a trace backend's own query API.
 */
public interface TraceStore {

  /** The services the backend has seen. */
  List<String> services();

  /**
   * Every span of the traces, at most {@code limit} of them, that passed through {@code service}
   * and started within [start, end). Spans of the other services in those traces are included.
   */
  List<Span> spans(String service, Instant start, Instant end, int limit);

  /** One trace's spans, or empty when the backend does not know the id. */
  Optional<List<Span>> trace(String traceId);

  /** Which service called which within [start, end), as the backend links its spans. */
  Topology dependencies(Instant start, Instant end);

  /** What the store is, for logs and the health check: "zipkin at http://127.0.0.1:9411". */
  String describe();
}
