package io.srespace.brain.traces;

import com.fasterxml.jackson.core.type.TypeReference;
import io.srespace.brain.core.model.Span;
import io.srespace.brain.core.model.Topology;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads traces from Jaeger's HTTP query API, the JSON one Jaeger's own UI uses. */
public final class JaegerTraceStore implements TraceStore {
  private static final String UNKNOWN_SERVICE = "unknown";

  private final JsonHttp http;

  public JaegerTraceStore(URI base, Duration timeout) {
    this.http = new JsonHttp("jaeger", base, timeout);
  }

  @Override
  public List<String> services() {
    String path = "/api/services";
    List<String> services =
        data(path, http.get(path, new TypeReference<Answer<List<String>>>() {}));
    return services == null ? List.of() : List.copyOf(services);
  }

  /**
   * Jaeger finds traces with a span of the service that started in the window; those whose root
   * started before it are left out here.
   */
  @Override
  public List<Span> spans(String service, Instant start, Instant end, int limit) {
    Objects.requireNonNull(service, "service");
    TraceWindow window = new TraceWindow(start, end);
    return window.spansOfTraces(limit, asked -> search(service, window, asked));
  }

  private List<List<Span>> search(String service, TraceWindow window, int limit) {
    String path =
        "/api/traces?service="
            + JsonHttp.encode(service)
            + "&start="
            + window.startMicros()
            + "&end="
            + window.endMicros()
            + "&limit="
            + limit;
    List<JaegerTrace> traces =
        data(path, http.get(path, new TypeReference<Answer<List<JaegerTrace>>>() {}));
    return traces == null ? List.of() : traces.stream().map(JaegerTrace::toSpans).toList();
  }

  @Override
  public Optional<List<Span>> trace(String traceId) {
    String path = "/api/traces/" + JsonHttp.encode(traceId);
    return http.getUnlessNotFound(path, new TypeReference<Answer<List<JaegerTrace>>>() {})
        .map(answer -> data(path, answer))
        .filter(traces -> !traces.isEmpty())
        .map(traces -> traces.stream().flatMap(trace -> trace.toSpans().stream()).toList());
  }

  @Override
  public Topology dependencies(Instant start, Instant end) {
    TraceWindow window = new TraceWindow(start, end);
    String path =
        "/api/dependencies?endTs="
            + window.endMillisCeiling()
            + "&lookback="
            + window.lookbackMillis();
    return DependencyLink.topology(
        data(path, http.get(path, new TypeReference<Answer<List<DependencyLink>>>() {})));
  }

  @Override
  public String describe() {
    return http.describe();
  }

  /** Jaeger can answer 200 with errors and no data; that is a failure, not an empty result. */
  private <T> T data(String path, Answer<T> answer) {
    if (answer == null) {
      throw http.error(path, "answered null");
    }
    if (answer.data() == null && answer.errors() != null && !answer.errors().isEmpty()) {
      throw http.error(path, "answered errors: " + answer.errors());
    }
    return answer.data();
  }

  record Answer<T>(T data, List<Problem> errors) {}

  record Problem(int code, String msg) {
    @Override
    public String toString() {
      return code + " " + msg;
    }
  }

  record JaegerTrace(String traceID, List<JaegerSpan> spans, Map<String, JaegerProcess> processes) {

    List<Span> toSpans() {
      if (spans == null) {
        return List.of();
      }
      return spans.stream().map(span -> span.toSpan(serviceOf(span))).toList();
    }

    private String serviceOf(JaegerSpan span) {
      JaegerProcess process = span.process();
      if (process == null && processes != null && span.processID() != null) {
        process = processes.get(span.processID());
      }
      return process == null || process.serviceName() == null
          ? UNKNOWN_SERVICE
          : process.serviceName();
    }
  }

  record JaegerSpan(
      String traceID,
      String spanID,
      String operationName,
      List<Reference> references,
      long startTime,
      long duration,
      String processID,
      JaegerProcess process) {

    Span toSpan(String service) {
      return new Span(
          traceID,
          spanID,
          parentId(),
          service,
          operationName,
          startTime * 1_000,
          (startTime + duration) * 1_000);
    }

    /** The CHILD_OF reference's span, else the FOLLOWS_FROM one's, else none: a root. */
    private String parentId() {
      if (references == null) {
        return null;
      }
      String followsFrom = null;
      for (Reference reference : references) {
        if ("CHILD_OF".equals(reference.refType())) {
          return reference.spanID();
        }
        if (followsFrom == null && "FOLLOWS_FROM".equals(reference.refType())) {
          followsFrom = reference.spanID();
        }
      }
      return followsFrom;
    }
  }

  record Reference(String refType, String traceID, String spanID) {}

  record JaegerProcess(String serviceName) {}
}
