package io.srespace.scout.incidents;

import io.srespace.events.Anomaly;
import io.srespace.events.Signal;
import io.srespace.knowledge.KnowledgeGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The restarts a deployment plans: a service redeployed (a change recorded on {@code deployments})
 * is down for a moment, and its callers' calls fail meanwhile. An anomaly that began within the
 * grace period after a deployment of the service it is on, or calls, or that its callers show as
 * errors or latency, is explained by that restart and opens no incident. What lasts beyond the
 * grace is detected again and opens one then, so a release that breaks the service is still found.
 */
public final class PlannedRestarts {
  /** The deployer's and Scout's clocks, and the record's publication, may differ by this much. */
  private static final Duration SKEW = Duration.ofSeconds(5);

  private static final Set<Signal> CALLER_SIGNALS = EnumSet.of(Signal.ERROR_RATE, Signal.LATENCY);

  private final KnowledgeGraph topology;
  private final Duration grace;
  private final Map<String, Instant> deployedAt = new ConcurrentHashMap<>();

  public PlannedRestarts(KnowledgeGraph topology, Duration grace) {
    this.topology = topology;
    this.grace = grace;
  }

  /** No deployment is ever planned: every anomaly counts. */
  public static PlannedRestarts none(KnowledgeGraph topology) {
    return new PlannedRestarts(topology, Duration.ZERO);
  }

  /**
   * A deployment of {@code service} recorded at {@code at}; the newest one counts. One of a service
   * the topology does not know plans nothing (and is not kept): returns whether it counted.
   */
  public boolean deployed(String service, Instant at) {
    if (!topology.knows(service) || at == null) {
      return false;
    }
    deployedAt.merge(service, at, (a, b) -> a.isAfter(b) ? a : b);
    return true;
  }

  /** The service whose planned restart explains the anomaly, if one does. */
  public Optional<String> explains(Anomaly anomaly) {
    Instant began = anomaly.window().start();
    return deployedAt.entrySet().stream()
        .filter(
            deployed ->
                !began.isBefore(deployed.getValue().minus(SKEW))
                    && began.isBefore(deployed.getValue().plus(grace)))
        .map(Map.Entry::getKey)
        .filter(service -> shows(topology, service, anomaly, CALLER_SIGNALS))
        .findFirst();
  }

  /**
   * Whether a restart of {@code restarted} shows in the anomaly: it is on the service or on calls
   * to it, or it is one of {@code callerSignals} on a service that calls it directly.
   */
  static boolean shows(
      KnowledgeGraph topology, String restarted, Anomaly anomaly, Set<Signal> callerSignals) {
    String peer =
        anomaly.peer() == null ? null : topology.serviceAt(anomaly.peer()).orElse(anomaly.peer());
    return restarted.equals(anomaly.service())
        || restarted.equals(peer)
        || (callerSignals.contains(anomaly.signal())
            && topology.calls(anomaly.service(), restarted));
  }
}
