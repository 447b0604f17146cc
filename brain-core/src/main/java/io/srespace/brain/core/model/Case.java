package io.srespace.brain.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One incident to analyse: what was seen in the suspect window (from the alert onward) and in a
 * baseline (before it, or a fault-free period), plus the topology when known, and what whoever
 * gathered it has to say about it (such as where the baseline came from).
 */
public record Case(
    String id,
    long alertNanos,
    long windowEndNanos,
    Observations window,
    Observations baseline,
    Topology topology,
    List<String> notes) {

  public Case(
      String id,
      long alertNanos,
      long windowEndNanos,
      Observations window,
      Observations baseline,
      Topology topology) {
    this(id, alertNanos, windowEndNanos, window, baseline, topology, List.of());
  }

  public Case {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(window, "window");
    baseline = baseline == null ? Observations.empty() : baseline;
    topology = topology == null ? Topology.unknown() : topology;
    notes = notes == null ? List.of() : List.copyOf(notes);
    if (windowEndNanos <= alertNanos) {
      throw new IllegalArgumentException("case %s: the window ends before it starts".formatted(id));
    }
  }
}
