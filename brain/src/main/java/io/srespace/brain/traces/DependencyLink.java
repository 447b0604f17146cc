package io.srespace.brain.traces;

import io.srespace.brain.core.model.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One caller/callee pair as Jaeger's and Zipkin's dependency APIs both write it. Jaeger also links
 * a service to itself (its client span under its own server span): no call between services, left
 * out.
 */
record DependencyLink(String parent, String child, long callCount) {

  static Topology topology(List<DependencyLink> links) {
    Map<String, Set<String>> callees = new TreeMap<>();
    for (DependencyLink link : links == null ? List.<DependencyLink>of() : links) {
      if (link.parent() != null && link.child() != null && !link.parent().equals(link.child())) {
        callees.computeIfAbsent(link.parent(), k -> new TreeSet<>()).add(link.child());
      }
    }
    return new Topology(callees);
  }
}
