package io.srespace.brain.app;

import io.srespace.brain.postmortem.IncidentRecord;
import io.srespace.brain.support.Bounded;
import io.srespace.events.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.MDC;

/**
 * The incidents Brain is following, newest last, and the event ids it has handled, both bounded:
 * the oldest are forgotten first.
 */
@ApplicationScoped
public class IncidentLedger {
  private static final org.jboss.logging.Logger LOG =
      org.jboss.logging.Logger.getLogger(IncidentLedger.class);
  private static final int MAX_INCIDENTS = 1_000;
  private static final int MAX_EVENT_IDS = 20_000;

  private final Map<String, IncidentRecord> incidents = Bounded.map(MAX_INCIDENTS);
  private final Set<String> seen = Collections.newSetFromMap(Bounded.map(MAX_EVENT_IDS));
  private final CountDownLatch restored = new CountDownLatch(1);

  /**
   * Runs {@code handle} for an event the first time it is offered, with the incident id in the log
   * context; redeliveries of a handled event are ignored, and an event whose handling failed is not
   * marked handled. (The consumers hand it only events: {@code Undecoded.isEvent} has sent an
   * undecodable record to its dead-letter topic and skipped a tombstone.)
   */
  public void once(Event<?> event, Runnable handle) {
    awaitReady();
    if (!firstTime(event.eventId())) {
      return;
    }
    MDC.put("incidentId", event.incidentId());
    try {
      handle.run();
    } catch (RuntimeException e) {
      // Not handled after all: a redelivery, or a replay at the next start, may handle it.
      seen.remove(event.eventId());
      throw e;
    } finally {
      MDC.remove("incidentId");
    }
  }

  /** The incidents from before this start are restored: events may be handled. */
  public void ready() {
    restored.countDown();
  }

  /** Whether the incidents from before this start are restored. */
  boolean isReady() {
    return restored.getCount() == 0;
  }

  /** Marks an event as handled before this start. */
  public void handled(String eventId) {
    seen.add(eventId);
  }

  /** Waits for the restore for as long as it takes (it waits for Kafka, as the events do). */
  private void awaitReady() {
    try {
      while (!restored.await(30, TimeUnit.SECONDS)) {
        LOG.info("an event waits for the incidents from before this start to be restored");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the restore", e);
    }
  }

  /** True the first time an event id is offered: redeliveries are ignored. */
  boolean firstTime(String eventId) {
    return seen.add(eventId);
  }

  public void follow(String incidentId, IncidentRecord record) {
    incidents.putIfAbsent(incidentId, record);
  }

  public Optional<IncidentRecord> get(String incidentId) {
    return Optional.ofNullable(incidents.get(incidentId));
  }

  public void forget(String incidentId) {
    incidents.remove(incidentId);
  }

  public int following() {
    return incidents.size();
  }
}
