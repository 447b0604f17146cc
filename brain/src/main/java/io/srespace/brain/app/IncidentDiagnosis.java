package io.srespace.brain.app;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.srespace.board.IncidentBoard;
import io.srespace.brain.diagnosis.Diagnoser;
import io.srespace.brain.diagnosis.DiagnosisReport;
import io.srespace.brain.diagnosis.IncidentFacts;
import io.srespace.brain.diagnosis.PlanChooser;
import io.srespace.brain.postmortem.IncidentRecord;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.kafka.Undecoded;
import io.srespace.events.topics.Topics;
import io.srespace.knowledge.KnowledgeGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Diagnoses each incident Scout opens, and again when an update brings new evidence and changes the
 * verdict: publishes {@code DiagnosisMade}, then comments on the incident's issue, which Scout
 * opened and every event of the incident names. Scout announces an incident with all the anomalies
 * of its window, so the first diagnosis starts at once.
 */
@ApplicationScoped
public class IncidentDiagnosis {
  private static final Logger LOG = Logger.getLogger(IncidentDiagnosis.class);

  private final Diagnoser diagnoser;
  private final IncidentLedger ledger;
  private final EventPublisher publisher;
  private final Publishing publishing = Publishing.standard();
  private final IncidentBoard board;
  private final KnowledgeGraph graph;
  private final BoardWriter boards;

  public IncidentDiagnosis(
      Diagnoser diagnoser,
      IncidentLedger ledger,
      EventPublisher publisher,
      IncidentBoard board,
      KnowledgeGraph graph,
      BoardWriter boards) {
    this.boards = boards;
    this.diagnoser = diagnoser;
    this.ledger = ledger;
    this.publisher = publisher;
    this.board = board;
    this.graph = graph;
  }

  @Incoming("incidents")
  @Blocking
  public void onIncident(Event<IncidentEvent> event, IncomingKafkaRecordMetadata<?, ?> record) {
    if (Undecoded.isEvent(event, record.getHeaders())) {
      ledger.once(event, () -> handle(event));
    }
  }

  private void handle(Event<IncidentEvent> event) {
    if (event.data() instanceof IncidentOpened opened) {
      IncidentRecord record =
          new IncidentRecord(
              new IncidentFacts(event.incidentId(), opened, event.occurredAt()), event.issue());
      ledger.follow(event.incidentId(), record);
      synchronized (record) {
        diagnose(record, null);
      }
    } else if (event.data() instanceof IncidentUpdated updated) {
      Optional<IncidentRecord> record = ledger.get(event.incidentId());
      if (record.isEmpty()) {
        LOG.infof(
            "incident %s: an update of an incident opened before Brain started, skipped",
            event.incidentId());
      } else {
        IncidentRecord known = record.get();
        synchronized (known) {
          // Before the first diagnosis the update only adds to what it will read; once Fixer
          // acts on a diagnosis, new evidence of the same incident is the fault still showing.
          if (known.facts().update(updated) && known.diagnosis() != null) {
            if (known.actionRequested()) {
              LOG.infof(
                  "incident %s: new evidence while Fixer acts on the diagnosis; not diagnosed again",
                  event.incidentId());
            } else {
              diagnose(known, known.diagnosis());
            }
          }
        }
      }
    } else if (event.data() instanceof SymptomsCleared) {
      ledger.get(event.incidentId()).ifPresent(r -> r.symptomsCleared(event.occurredAt()));
    }
  }

  private void diagnose(IncidentRecord record, Diagnoser.Result previous) {
    IncidentFacts facts = record.facts();
    Diagnoser.Result result = diagnoser.diagnose(facts);
    DiagnosisMade made = result.diagnosis();
    if (previous != null && sameVerdict(previous.diagnosis(), made)) {
      LOG.infof(
          "incident %s: new evidence, same verdict (%s)",
          facts.incidentId(), PlanChooser.directive(made.plan()));
      return;
    }
    Event<DiagnosisMade> event = Event.of("brain", facts.incidentId(), record.issue(), made);
    publishing.run(() -> publisher.publish(Topics.BRAIN_DIAGNOSES, event));
    record.diagnosed(result, event.occurredAt(), event.eventId());
    LOG.infof(
        "incident %s diagnosed in %d ms, %d ms after Scout opened it: %s; %s",
        facts.incidentId(),
        result.took().toMillis(),
        Duration.between(facts.openedAt(), event.occurredAt()).toMillis(),
        made.summary(),
        PlanChooser.directive(made.plan()));
    String markdown = DiagnosisReport.markdown(result, graph);
    boards.write(facts.incidentId(), "the diagnosis comment", () -> comment(record, markdown));
  }

  private static boolean sameVerdict(DiagnosisMade before, DiagnosisMade now) {
    return before.plan().equals(now.plan())
        && before.faultClass() == now.faultClass()
        && !before.suspects().isEmpty()
        && !now.suspects().isEmpty()
        && before.suspects().get(0).service().equals(now.suspects().get(0).service());
  }

  private void comment(IncidentRecord record, String markdown) {
    Integer issue = record.issue();
    if (issue == null) {
      LOG.warnf(
          "incident %s: Scout's event names no issue; the diagnosis is not commented",
          record.facts().incidentId());
      return;
    }
    board.comment(issue, markdown);
  }
}
