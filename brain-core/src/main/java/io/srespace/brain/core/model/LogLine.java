package io.srespace.brain.core.model;

/** One log line of a service; trace and span ids are null when the line carries none. */
public record LogLine(
    long timeNanos, String service, String traceId, String spanId, String message) {}
