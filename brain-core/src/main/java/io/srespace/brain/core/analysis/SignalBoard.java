package io.srespace.brain.core.analysis;

import io.srespace.brain.core.model.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The strongest finding per service and signal, collected from every modality. */
final class SignalBoard {

  private final Map<String, Map<Signal, Evidence>> findings = new HashMap<>();
  private final Set<String> services = new TreeSet<>();
  private final Set<Rule> off;

  SignalBoard() {
    this(Set.of());
  }

  SignalBoard(Set<Rule> off) {
    this.off = off;
  }

  boolean on(Rule rule) {
    return !off.contains(rule);
  }

  void seen(String service) {
    services.add(service);
  }

  void add(String service, Signal signal, double strength, String detail) {
    services.add(service);
    if (!(strength > 0) || Double.isInfinite(strength) || !on(signal.rule())) {
      return;
    }
    Map<Signal, Evidence> bySignal = findings.computeIfAbsent(service, s -> new HashMap<>());
    Evidence current = bySignal.get(signal);
    if (current == null || current.strength() < strength) {
      bySignal.put(signal, new Evidence(signal.label(), strength, detail));
    }
  }

  Set<String> services() {
    return services;
  }

  double strength(String service, Signal signal) {
    Evidence e = findings.getOrDefault(service, Map.of()).get(signal);
    return e == null ? 0 : e.strength();
  }

  List<Evidence> evidence(String service) {
    List<Evidence> list = new ArrayList<>(findings.getOrDefault(service, Map.of()).values());
    list.sort(Comparator.comparingDouble(Evidence::strength).reversed());
    return list;
  }

  Map<Signal, Evidence> findings(String service) {
    return findings.getOrDefault(service, Map.of());
  }
}
