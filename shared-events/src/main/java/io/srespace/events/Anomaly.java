package io.srespace.events;

import java.util.List;

/**
 * One signal of one service out of its normal range: what was observed against the learned
 * baseline, over which window, with sample traces to look at. {@code peer} names the callee when
 * the signal belongs to a caller-to-callee edge, and is null otherwise.
 */
public record Anomaly(
    String anomalyId,
    String service,
    String peer,
    Signal signal,
    double observed,
    double baseline,
    String unit,
    TimeWindow window,
    List<String> sampleTraceIds) {
  public Anomaly {
    Fields.required(anomalyId, "anomalyId");
    Fields.required(service, "service");
    Fields.required(signal, "signal");
    Fields.required(window, "window");
    sampleTraceIds = Fields.listOf(sampleTraceIds);
  }
}
