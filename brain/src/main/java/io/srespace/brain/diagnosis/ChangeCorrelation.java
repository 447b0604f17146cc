package io.srespace.brain.diagnosis;

import io.srespace.events.DeploymentHistory;
import io.srespace.events.DeploymentHistory.Deployed;
import io.srespace.events.Suspect;
import io.srespace.knowledge.KnowledgeGraph;
import io.srespace.knowledge.Setting;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Ties an incident to a recorded deployment of a suspect: a change of that service made within the
 * window before the first anomaly, of a key that can cause the failure seen there, that was not
 * itself a rollback to what ran before, and still runs (no later deployment changed its keys). The
 * newest such change of the highest-ranked suspect wins.
 */
public final class ChangeCorrelation {
  /** Clocks of the deployer and of Scout may differ by this much. */
  private static final Duration SKEW = Duration.ofSeconds(5);

  /** A suspect and the deployment that likely caused its failure. */
  public record Suspected(Suspect suspect, Deployed deployed) {
    /** How long before the first anomaly the deployment was recorded, in whole seconds. */
    public long secondsBefore(Instant firstSeen) {
      return Math.max(0, Duration.between(deployed.at(), firstSeen).toSeconds());
    }
  }

  private final KnowledgeGraph graph;
  private final DeploymentHistory history;
  private final Duration window;

  public ChangeCorrelation(KnowledgeGraph graph, DeploymentHistory history, Duration window) {
    this.graph = graph;
    this.history = history;
    this.window = window;
  }

  /** The deployment a suspect's failure most likely follows from, if any fits. */
  public Optional<Suspected> suspect(List<Suspect> ranked, Instant firstSeen) {
    for (Suspect suspect : ranked) {
      Optional<Deployed> change =
          candidates(suspect.service(), firstSeen).stream()
              .filter(d -> canCause(d, suspect))
              .findFirst();
      if (change.isPresent()) {
        return Optional.of(new Suspected(suspect, change.get()));
      }
    }
    return Optional.empty();
  }

  /** Whether any of the services was changed within the window before {@code firstSeen}. */
  public boolean anyRecent(Collection<String> services, Instant firstSeen) {
    return services.stream().anyMatch(service -> !candidates(service, firstSeen).isEmpty());
  }

  private List<Deployed> candidates(String service, Instant firstSeen) {
    return history.between(service, firstSeen.minus(window), firstSeen.plus(SKEW)).stream()
        .filter(d -> history.stillRuns(d) && !history.restores(d))
        .toList();
  }

  /** A key the graph does not type is suspected of anything; a typed one of what it affects. */
  private boolean canCause(Deployed deployed, Suspect suspect) {
    Optional<KnowledgeGraph.Service> service = graph.service(suspect.service());
    return deployed.change().changes().stream()
        .anyMatch(
            change ->
                service
                    .flatMap(s -> s.setting(change.key()))
                    .map((Setting setting) -> setting.canCause(suspect.faultClass()))
                    .orElse(true));
  }
}
