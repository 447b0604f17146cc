package io.srespace.brain.diagnosis;

import io.srespace.events.Anomaly;
import io.srespace.events.IncidentOpened;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
import io.srespace.events.TimeWindow;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Incidents as Scout opens them for the demo's faults, for tests. */
public final class Incidents {
  private Incidents() {}

  public static Anomaly anomaly(
      String service, String peer, Signal signal, double observed, double baseline, Instant at) {
    return new Anomaly(
        UUID.randomUUID().toString(),
        service,
        peer,
        signal,
        observed,
        baseline,
        "",
        new TimeWindow(at.minusSeconds(5), at),
        List.of("4bf92f3577b34da6a3ce929d0e0e" + Math.abs(service.hashCode() % 9000 + 1000)));
  }

  public static IncidentOpened opened(String title, Instant firstSeen, Anomaly... anomalies) {
    LinkedHashSet<String> services = new LinkedHashSet<>();
    for (Anomaly a : anomalies) {
      services.add(a.service());
      if (a.peer() != null) {
        services.add(a.peer());
      }
    }
    return new IncidentOpened(
        title, Severity.CRITICAL, List.copyOf(services), List.of(anomalies), firstSeen);
  }

  /** user-service killed: its probes fail, quote-service's calls to it fail. */
  public static IncidentOpened kill(Instant at) {
    return opened(
        "user-service is down",
        at,
        anomaly("user-service", null, Signal.HEALTH, 3, 0, at),
        anomaly("quote-service", "user-service", Signal.ERROR_RATE, 1.0, 0.0, at),
        anomaly("quote-service", null, Signal.ERROR_RATE, 1.0, 0.002, at));
  }

  /** policy-service's pool runs dry: its pool gauge, its errors, quote-service's 502s. */
  public static IncidentOpened dbPool(Instant at) {
    return opened(
        "policy-service pool exhausted",
        at,
        anomaly("policy-service", null, Signal.DB_POOL, 12, 0.2, at),
        anomaly("policy-service", null, Signal.ERROR_RATE, 0.4, 0.0, at),
        anomaly("quote-service", "policy-service", Signal.ERROR_RATE, 0.4, 0.0, at),
        anomaly("quote-service", null, Signal.ERROR_RATE, 0.4, 0.001, at));
  }

  /** The acceptance limit at zero: conversion falls at quote-service, nothing else moves. */
  public static IncidentOpened conversionBreak(Instant at) {
    return opened(
        "conversion fell", at, anomaly("quote-service", null, Signal.CONVERSION, 0.0, 0.62, at));
  }

  /** policy-service slow: its own spans and its callers' calls to it. */
  public static IncidentOpened latency(Instant at) {
    return opened(
        "policy-service slow",
        at,
        anomaly("policy-service", null, Signal.LATENCY, 850, 12, at),
        anomaly("quote-service", "policy-service", Signal.LATENCY, 860, 14, at),
        anomaly("quote-service", null, Signal.LATENCY, 900, 30, at));
  }

  /** quote-service's heap floor rises. */
  public static IncidentOpened memoryLeak(Instant at) {
    return opened(
        "quote-service heap", at, anomaly("quote-service", null, Signal.HEAP, 0.93, 0.41, at));
  }

  /** user-service throws: its own errors and quote-service's failing calls to it. */
  public static IncidentOpened errorRate(Instant at) {
    return opened(
        "user-service errors",
        at,
        anomaly("user-service", null, Signal.ERROR_RATE, 0.5, 0.0, at),
        anomaly("quote-service", "user-service", Signal.ERROR_RATE, 0.5, 0.0, at),
        anomaly("quote-service", null, Signal.ERROR_RATE, 0.5, 0.001, at));
  }
}
