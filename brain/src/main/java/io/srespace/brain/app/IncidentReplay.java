package io.srespace.brain.app;

import io.github.resilience4j.retry.Retry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.srespace.brain.diagnosis.Confidence;
import io.srespace.brain.diagnosis.Diagnoser;
import io.srespace.brain.diagnosis.IncidentFacts;
import io.srespace.brain.postmortem.IncidentRecord;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.kafka.TopicReplay;
import io.srespace.events.topics.Topics;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Gives a restarted Brain back the incidents it was following: those it diagnosed and has not yet
 * written a post-mortem for, rebuilt from Scout's incidents, its own diagnoses and post-mortems,
 * and Fixer's actions. Nothing is diagnosed or published again; redelivered events of those
 * incidents are recognised as handled. An incident opened in the last {@link #RESUME_WITHIN} whose
 * symptoms have not cleared and that has no diagnosis yet (Brain stopped while diagnosing it, or
 * while holding its diagnosis) is diagnosed now.
 */
public class IncidentReplay {
  private static final Logger LOG = Logger.getLogger(IncidentReplay.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final Duration RESUME_WITHIN = Duration.ofMinutes(15);

  /** What the replay found: incidents followed again, and open ones still to diagnose. */
  record Restored(int followed, List<IncidentRecord> undiagnosed) {}

  /**
   * Restores in the background, trying again (2 s apart, doubling up to 30 s) for as long as Kafka
   * does not answer: a Brain started before its broker follows its incidents once the broker is up,
   * rather than running with an empty ledger. Events wait for the restore.
   */
  void onStart(
      @Observes StartupEvent start,
      IncidentLedger ledger,
      IncidentDiagnosis diagnosis,
      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
    Thread restoring =
        new Thread(
            () ->
                restoreUntilDone(kafka, ledger, Duration.ofSeconds(2), TIMEOUT)
                    .forEach(diagnosis::resume),
            "brain-restore");
    restoring.setDaemon(true);
    restoring.start();
  }

  /**
   * Restores, trying again while Kafka fails; then lets events be handled. Returns the open
   * incidents still to diagnose.
   */
  static List<IncidentRecord> restoreUntilDone(
      Map<String, Object> kafka, IncidentLedger ledger, Duration pause, Duration timeout) {
    Retry retry =
        Publishing.backoff(
            "restore", Integer.MAX_VALUE, pause, Duration.ofSeconds(30), RuntimeException.class);
    retry
        .getEventPublisher()
        .onRetry(
            e ->
                LOG.warnf(
                    "incidents from before this start not restored yet (attempt %d): %s; again"
                        + " in %d ms",
                    e.getNumberOfRetryAttempts(),
                    e.getLastThrowable().getMessage(),
                    e.getWaitInterval().toMillis()));
    Restored restored = Retry.decorateSupplier(retry, () -> restore(kafka, ledger, timeout)).get();
    LOG.infof(
        "following %d diagnosed incidents from before this start; %d still to diagnose",
        restored.followed(), restored.undiagnosed().size());
    ledger.ready();
    return restored.undiagnosed();
  }

  static Restored restore(Map<String, Object> kafka, IncidentLedger ledger, Duration timeout) {
    Map<String, IncidentRecord> records = new LinkedHashMap<>();
    Map<String, List<String>> eventIds = new LinkedHashMap<>();
    TopicReplay.replay(
        kafka,
        Topics.SCOUT_INCIDENTS,
        event -> {
          String id = event.incidentId();
          eventIds.computeIfAbsent(id, k -> new ArrayList<>()).add(event.eventId());
          if (event.data() instanceof IncidentOpened opened && !records.containsKey(id)) {
            records.put(
                id,
                new IncidentRecord(
                    new IncidentFacts(id, opened, event.occurredAt()), event.issue()));
          } else if (event.data() instanceof IncidentUpdated updated && records.containsKey(id)) {
            records.get(id).facts().update(updated);
          } else if (event.data() instanceof SymptomsCleared && records.containsKey(id)) {
            records.get(id).symptomsCleared(event.occurredAt());
          }
        },
        timeout);
    TopicReplay.replay(
        kafka,
        Topics.BRAIN_DIAGNOSES,
        event -> {
          if (event.data() instanceof DiagnosisMade made
              && records.containsKey(event.incidentId())) {
            records
                .get(event.incidentId())
                .diagnosed(restored(made), event.occurredAt(), event.eventId());
          }
        },
        timeout);
    Set<String> closed = new HashSet<>();
    TopicReplay.replay(
        kafka, Topics.BRAIN_POSTMORTEMS, event -> closed.add(event.incidentId()), timeout);
    TopicReplay.replay(
        kafka,
        Topics.FIXER_ACTIONS,
        event -> {
          IncidentRecord record = records.get(event.incidentId());
          if (record != null && record.diagnosis() != null) {
            record.action(event);
            ledger.handled(event.eventId());
          }
        },
        timeout);
    int followed = 0;
    List<IncidentRecord> undiagnosed = new ArrayList<>();
    Instant recent = Instant.now().minus(RESUME_WITHIN);
    for (var entry : records.entrySet()) {
      IncidentRecord record = entry.getValue();
      // Everything before this start is decided here; a redelivered event of it changes nothing.
      eventIds.getOrDefault(entry.getKey(), List.of()).forEach(ledger::handled);
      if (record.diagnosis() == null) {
        if (!closed.contains(entry.getKey())
            && record.symptomsClearedAt() == null
            && record.facts().openedAt().isAfter(recent)) {
          undiagnosed.add(record);
        }
      } else if (!closed.contains(entry.getKey())) {
        ledger.follow(entry.getKey(), record);
        followed++;
      }
    }
    return new Restored(followed, undiagnosed);
  }

  private static Diagnoser.Result restored(DiagnosisMade made) {
    return new Diagnoser.Result(
        made,
        Confidence.restored(made.confidence()),
        List.of("restored after Brain restarted"),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Duration.ZERO);
  }
}
