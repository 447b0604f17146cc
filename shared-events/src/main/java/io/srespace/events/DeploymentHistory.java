package io.srespace.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The recorded deployments of each service, oldest first, as read from {@code deployments}: what
 * Brain correlates an incident with, and what Fixer holds a revert to. Keeps the newest {@value
 * #PER_SERVICE} of each service; one seen twice (a replay, then the live topic) is kept once.
 */
public final class DeploymentHistory {
  public static final int PER_SERVICE = 50;

  /** A deployment and when it was recorded. */
  public record Deployed(Instant at, DeploymentChanged change) {
    public Deployed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(change, "change");
    }
  }

  private final Map<String, Deque<Deployed>> byService = new HashMap<>();
  private final Predicate<String> known;

  /** Keeps the deployments of any service. */
  public DeploymentHistory() {
    this(service -> true);
  }

  /**
   * Keeps only the deployments of the services {@code known} accepts (those of the topology): a
   * record naming any other, from whoever reached the topic, takes no memory and undoes nothing.
   */
  public DeploymentHistory(Predicate<String> known) {
    this.known = known;
  }

  /**
   * Records the deployment an event of {@code deployments} carries; the recorded deployment, or
   * empty when the event carries none or it was recorded already.
   */
  public Optional<Deployed> record(Event<DeploymentEvent> event) {
    if (event.data() instanceof DeploymentChanged changed && add(event.occurredAt(), changed)) {
      return Optional.of(new Deployed(event.occurredAt(), changed));
    }
    return Optional.empty();
  }

  /** Records a deployment; false when it was recorded already or its service is not known. */
  public synchronized boolean add(Instant at, DeploymentChanged change) {
    if (!known.test(change.service())) {
      return false;
    }
    Deque<Deployed> deployments =
        byService.computeIfAbsent(change.service(), s -> new ArrayDeque<>());
    if (deployments.stream().anyMatch(d -> d.change().commit().equals(change.commit()))) {
      return false;
    }
    deployments.addLast(new Deployed(at, change));
    while (deployments.size() > PER_SERVICE) {
      deployments.removeFirst();
    }
    return true;
  }

  /** The service's deployments recorded between {@code from} and {@code to}, newest first. */
  public synchronized List<Deployed> between(String service, Instant from, Instant to) {
    List<Deployed> all = of(service);
    List<Deployed> found = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      Deployed d = all.get(i);
      if (!d.at().isBefore(from) && !d.at().isAfter(to)) {
        found.add(d);
      }
    }
    return found;
  }

  /** The service's deployment of {@code commit}, if it was recorded. */
  public synchronized Optional<Deployed> find(String service, String commit) {
    return of(service).stream().filter(d -> d.change().commit().equals(commit)).findFirst();
  }

  /** Whether every key the deployment changed still holds its value: no later one changed it. */
  public synchronized boolean stillRuns(Deployed deployment) {
    List<Deployed> all = of(deployment.change().service());
    int at = all.indexOf(deployment);
    return all.subList(at + 1, all.size()).stream()
        .flatMap(d -> d.change().changes().stream())
        .noneMatch(
            later ->
                deployment.change().changes().stream()
                    .anyMatch(change -> change.key().equals(later.key())));
  }

  /**
   * Whether the deployment is a rollback: it undoes the deployment before it of each key it changed
   * (each key set back to what that one changed it from), and that one was not itself a rollback.
   * Deploying again a release that was rolled back is a change, not a rollback.
   */
  public synchronized boolean restores(Deployed deployment) {
    List<Deployed> all = of(deployment.change().service());
    int at = all.indexOf(deployment);
    return at > 0 && rollback(all, at);
  }

  /** The service's deployments, oldest first (a copy). */
  private List<Deployed> of(String service) {
    return List.copyOf(byService.getOrDefault(service, new ArrayDeque<>()));
  }

  private static boolean rollback(List<Deployed> all, int at) {
    Deployed deployment = all.get(at);
    Integer undone = null;
    for (ConfigChange change : deployment.change().changes()) {
      int previous = previousChange(all, at, change.key());
      if (previous < 0) {
        return false;
      }
      ConfigChange before = changeOf(all.get(previous), change.key());
      if (!Objects.equals(before.from(), change.to())
          || !Objects.equals(before.to(), change.from())) {
        return false;
      }
      undone = undone == null ? previous : Math.min(undone, previous);
    }
    return undone != null && !rollback(all, undone);
  }

  private static int previousChange(List<Deployed> all, int at, String key) {
    for (int i = at - 1; i >= 0; i--) {
      if (changeOf(all.get(i), key) != null) {
        return i;
      }
    }
    return -1;
  }

  private static ConfigChange changeOf(Deployed deployed, String key) {
    return deployed.change().changes().stream()
        .filter(change -> change.key().equals(key))
        .findFirst()
        .orElse(null);
  }
}
