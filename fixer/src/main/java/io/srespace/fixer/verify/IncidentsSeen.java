package io.srespace.fixer.verify;

import io.srespace.events.Event;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.SymptomsCleared;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What Scout said of each incident: that it opened it (and its issue), and when its symptoms
 * cleared — the incident a diagnosis may act on, and half of Fixer's proof of recovery. Only
 * Scout's word counts, and nothing dated ahead of this clock by more than the allowed skew.
 */
public final class IncidentsSeen {
  private static final Logger LOG = Logger.getLogger(IncidentsSeen.class);

  /** Scout's source name on its events. */
  public static final String SCOUT = "scout";

  /** Clocks of the machines may differ this much; an event dated further ahead is ignored. */
  public static final Duration SKEW = Duration.ofSeconds(30);

  private static final int REMEMBERED = 10_000;

  /** Opened incidents: id → its issue (null when it has none), oldest first. */
  private final Map<String, Optional<Integer>> opened =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Integer>> eldest) {
          return size() > REMEMBERED;
        }
      };

  private final Map<String, Instant> cleared = new LinkedHashMap<>();
  private final Clock clock;

  public IncidentsSeen(Clock clock) {
    this.clock = clock;
  }

  /** Takes in one event of {@code scout.incidents}; returns false when it was not believed. */
  public synchronized boolean record(Event<? extends IncidentEvent> event) {
    if (!SCOUT.equals(event.source())) {
      LOG.warnf(
          "incident %s: %s from '%s' ignored: only Scout speaks of incidents",
          event.incidentId(), event.type(), event.source());
      return false;
    }
    if (event.occurredAt().isAfter(clock.instant().plus(SKEW))) {
      LOG.warnf(
          "incident %s: %s dated %s ignored: ahead of this clock",
          event.incidentId(), event.type(), event.occurredAt());
      return false;
    }
    if (event.data() instanceof IncidentOpened) {
      opened.put(event.incidentId(), Optional.ofNullable(event.issue()));
    } else if (event.data() instanceof SymptomsCleared) {
      cleared.merge(event.incidentId(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
      if (cleared.size() > REMEMBERED) {
        cleared.remove(cleared.keySet().iterator().next());
      }
    }
    notifyAll();
    return true;
  }

  /** When the incident's symptoms cleared, if they did after {@code since}. */
  public synchronized Optional<Instant> clearedAfter(String incidentId, Instant since) {
    return Optional.ofNullable(cleared.get(incidentId)).filter(at -> at.isAfter(since));
  }

  /** An incident Scout opened: its issue (null when it has none), and whether it has cleared. */
  public record Opened(Integer issue, boolean cleared) {}

  /**
   * The incident as Scout opened it, waiting up to {@code wait} for Scout's word (Brain's diagnosis
   * may arrive before Fixer has read it); empty when Scout never opened it.
   */
  public synchronized Optional<Opened> awaitOpened(String incidentId, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!opened.containsKey(incidentId) && System.nanoTime() < deadline) {
      wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    return Optional.ofNullable(opened.get(incidentId))
        .map(issue -> new Opened(issue.orElse(null), cleared.containsKey(incidentId)));
  }
}
