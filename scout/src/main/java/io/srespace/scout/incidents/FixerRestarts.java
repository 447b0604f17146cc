package io.srespace.scout.incidents;

import io.srespace.events.Anomaly;
import io.srespace.events.Signal;
import io.srespace.knowledge.KnowledgeGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The restarts Fixer carried out for open incidents (read from {@code fixer.actions}). A restarted
 * service is down for a moment, and what that shows — its failed probes, its callers' failed calls,
 * the journeys lost meanwhile — says nothing about whether the restart healed it. So, for the
 * incident the restart was for, an anomaly of the downtime (on the service, on calls to it, or a
 * direct caller's errors, latency or journeys) whose window began before the service answered again
 * is the restart's own and does not keep the incident open. Recovery must then show in a whole
 * window that began after the service answered: the incident is not cleared before such a window
 * has closed and been judged, and never while the service has not answered since.
 */
public final class FixerRestarts {
  /** What a service's downtime shows; a pool, a heap, a CPU or a disk is not downtime. */
  private static final Set<Signal> DOWNTIME =
      EnumSet.of(
          Signal.ERROR_RATE,
          Signal.LATENCY,
          Signal.HEALTH,
          Signal.NO_DATA,
          Signal.TRAFFIC,
          Signal.CONVERSION);

  private static final Set<Signal> CALLER_SIGNALS =
      EnumSet.of(Signal.ERROR_RATE, Signal.LATENCY, Signal.TRAFFIC, Signal.CONVERSION);

  private static final int REMEMBERED = 1_000;

  /**
   * One restart: of which service, when Fixer reported it done, when a probe sent after it was
   * answered.
   */
  private record Restart(String service, Instant appliedAt, Instant answeredAt) {}

  private final KnowledgeGraph topology;
  private final Duration window;
  private final Duration judged;
  private final Map<String, Restart> byIncident =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Restart> eldest) {
          return size() > REMEMBERED;
        }
      };

  /**
   * @param window the length of the (epoch-aligned) windows detectors judge
   * @param judged how long after a window's end its anomalies have surely reached the correlator
   *     (the window's grace, the spans' export and the detection behind it)
   */
  public FixerRestarts(KnowledgeGraph topology, Duration window, Duration judged) {
    this.topology = topology;
    this.window = window;
    this.judged = judged;
  }

  /** None are ever known: every anomaly counts, as without Fixer. */
  public static FixerRestarts none(KnowledgeGraph topology) {
    return new FixerRestarts(topology, Duration.ofSeconds(5), Duration.ZERO);
  }

  /**
   * Fixer restarted {@code service} for {@code incidentId}, done at {@code appliedAt}; the newest
   * restart of an incident counts. One of a service the topology does not know is not kept: returns
   * whether it counted.
   */
  public synchronized boolean restarted(String incidentId, String service, Instant appliedAt) {
    if (incidentId == null || appliedAt == null || !topology.knows(service)) {
      return false;
    }
    Restart before = byIncident.get(incidentId);
    if (before == null || appliedAt.isAfter(before.appliedAt())) {
      byIncident.put(incidentId, new Restart(service, appliedAt, null));
    }
    return true;
  }

  /** A liveness probe of {@code service} sent at {@code sentAt} was answered. */
  public synchronized void answered(String service, Instant sentAt) {
    byIncident.replaceAll(
        (incident, restart) ->
            restart.service().equals(service)
                    && restart.answeredAt() == null
                    && sentAt.isAfter(restart.appliedAt())
                ? new Restart(restart.service(), restart.appliedAt(), sentAt)
                : restart);
  }

  /** Whether the anomaly, joined to the incident, is the downtime of Fixer's restart for it. */
  public synchronized boolean downtime(String incidentId, Anomaly anomaly) {
    Restart restart = byIncident.get(incidentId);
    if (restart == null || !DOWNTIME.contains(anomaly.signal())) {
      return false;
    }
    Instant answered = restart.answeredAt();
    // Downtime: evidence that began before the service answered and ended within a window of it.
    // An episode's anomaly (slow probes, since they began) still reported a window after the
    // service answered is evidence of now, not of the downtime.
    boolean during =
        answered == null
            || (anomaly.window().start().isBefore(answered)
                && !anomaly.window().end().isAfter(answered.plus(window)));
    return during && PlannedRestarts.shows(topology, restart.service(), anomaly, CALLER_SIGNALS);
  }

  /**
   * Whether the incident may be cleared at {@code now} as far as Fixer's restart for it goes: yes
   * without one; with one, once the service has answered and the first whole window after that has
   * been judged.
   */
  public synchronized boolean mayClear(String incidentId, Instant now) {
    Restart restart = byIncident.get(incidentId);
    if (restart == null) {
      return true;
    }
    if (restart.answeredAt() == null) {
      return false;
    }
    long size = window.toMillis();
    long first = Math.floorDiv(restart.answeredAt().toEpochMilli() + size - 1, size) * size;
    return !now.isBefore(Instant.ofEpochMilli(first).plus(window).plus(judged));
  }

  /** The incident is gone: its restart need not be kept. */
  public synchronized void forget(String incidentId) {
    byIncident.remove(incidentId);
  }
}
