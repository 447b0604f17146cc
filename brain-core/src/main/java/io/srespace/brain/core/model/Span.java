package io.srespace.brain.core.model;

/** One span of a trace; {@code parentId} is null for a root span. Times are Unix nanoseconds. */
public record Span(
    String traceId,
    String spanId,
    String parentId,
    String service,
    String operation,
    long startNanos,
    long endNanos) {

  public long durationMicros() {
    return Math.max(0, (endNanos - startNanos) / 1_000);
  }

  public boolean isRoot() {
    return parentId == null;
  }
}
