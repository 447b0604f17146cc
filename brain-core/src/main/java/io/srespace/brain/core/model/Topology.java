package io.srespace.brain.core.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Which service calls which; known up front, or derived from parent/child spans. */
public record Topology(Map<String, Set<String>> callees) {

  public Topology {
    Map<String, Set<String>> copy = new TreeMap<>();
    callees.forEach((caller, targets) -> copy.put(caller, Set.copyOf(targets)));
    callees = Map.copyOf(copy);
  }

  public static Topology unknown() {
    return new Topology(Map.of());
  }

  public Set<String> calleesOf(String service) {
    return callees.getOrDefault(service, Set.of());
  }

  public boolean isKnown() {
    return !callees.isEmpty();
  }

  /** This topology plus the caller/callee pairs of another one. */
  public Topology merge(Topology other) {
    Map<String, Set<String>> merged = new TreeMap<>();
    callees.forEach((k, v) -> merged.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
    other.callees.forEach((k, v) -> merged.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
    return new Topology(merged);
  }
}
