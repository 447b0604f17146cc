package io.srespace.brain.traces;

import com.fasterxml.jackson.core.type.TypeReference;
import io.srespace.brain.core.model.Span;
import io.srespace.brain.core.model.Topology;
import io.srespace.brain.traces.ZipkinSpans.ZipkinSpan;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads traces from Zipkin's v2 query API. */
public final class ZipkinTraceStore implements TraceStore {

  private final JsonHttp http;

  public ZipkinTraceStore(URI base, Duration timeout) {
    this.http = new JsonHttp("zipkin", base, timeout);
  }

  @Override
  public List<String> services() {
    List<String> services = http.get("/api/v2/services", new TypeReference<List<String>>() {});
    return services == null ? List.of() : List.copyOf(services);
  }

  /**
   * Zipkin selects traces by a millisecond endTs and lookback, both ends included; the window is
   * widened to whole milliseconds and the traces are then held to [start, end) here.
   */
  @Override
  public List<Span> spans(String service, Instant start, Instant end, int limit) {
    Objects.requireNonNull(service, "service");
    TraceWindow window = new TraceWindow(start, end);
    return window.spansOfTraces(limit, asked -> search(service, window, asked));
  }

  private List<List<Span>> search(String service, TraceWindow window, int limit) {
    String path =
        "/api/v2/traces?serviceName="
            + JsonHttp.encode(service)
            + "&endTs="
            + window.endMillisCeiling()
            + "&lookback="
            + window.lookbackMillis()
            + "&limit="
            + limit;
    List<List<ZipkinSpan>> traces = http.get(path, new TypeReference<List<List<ZipkinSpan>>>() {});
    return traces == null ? List.of() : traces.stream().map(ZipkinSpans::of).toList();
  }

  @Override
  public Optional<List<Span>> trace(String traceId) {
    return http.getUnlessNotFound(
            "/api/v2/trace/" + JsonHttp.encode(traceId), new TypeReference<List<ZipkinSpan>>() {})
        .map(ZipkinSpans::of)
        .filter(spans -> !spans.isEmpty());
  }

  @Override
  public Topology dependencies(Instant start, Instant end) {
    TraceWindow window = new TraceWindow(start, end);
    String path =
        "/api/v2/dependencies?endTs="
            + window.endMillisCeiling()
            + "&lookback="
            + window.lookbackMillis();
    return DependencyLink.topology(http.get(path, new TypeReference<List<DependencyLink>>() {}));
  }

  @Override
  public String describe() {
    return http.describe();
  }
}
