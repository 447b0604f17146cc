package io.srespace.brain.core.model;

import java.util.List;

/** What was observed over one period: any modality may be empty. */
public record Observations(List<Span> spans, List<LogLine> logs, List<MetricSeries> metrics) {

  public Observations {
    spans = List.copyOf(spans);
    logs = List.copyOf(logs);
    metrics = List.copyOf(metrics);
  }

  public static Observations empty() {
    return new Observations(List.of(), List.of(), List.of());
  }

  public boolean hasMetricPoints() {
    return metrics.stream().anyMatch(m -> m.size() > 0);
  }

  public boolean isEmpty() {
    return spans.isEmpty() && logs.isEmpty() && !hasMetricPoints();
  }
}
