package io.srespace.brain.diagnosis;

import io.srespace.brain.core.model.Span;
import io.srespace.brain.traces.TraceStore;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans of a period, gathered from the trace store service by service (a trace store answers
 * per service) with every span once.
 */
public final class TraceEvidence {
  private final TraceStore store;
  private final int tracesPerService;

  public TraceEvidence(TraceStore store, int tracesPerService) {
    this.store = store;
    this.tracesPerService = tracesPerService;
  }

  public List<Span> spans(Collection<String> services, Instant start, Instant end) {
    Map<String, Span> unique = new LinkedHashMap<>();
    for (String service : services) {
      for (Span span : store.spans(service, start, end, tracesPerService)) {
        unique.putIfAbsent(span.traceId() + "/" + span.spanId() + "/" + span.service(), span);
      }
    }
    return List.copyOf(unique.values());
  }

  public String describe() {
    return store.describe();
  }
}
