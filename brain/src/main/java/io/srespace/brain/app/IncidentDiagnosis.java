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
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.kafka.Undecoded;
import io.srespace.events.topics.Topics;
import io.srespace.knowledge.KnowledgeGraph;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Diagnoses each incident Scout opens, and again when an update brings new evidence and changes the
 * verdict: publishes {@code DiagnosisMade}, then comments on the incident's issue, which Scout
 * opened and every event of the incident names. Scout announces an incident with all the anomalies
 * of its window, so the first diagnosis starts at once.
 *
 * <p>A restart chosen for a symptom alone (latency, errors) is held for a few seconds after Scout
 * opened the incident: the symptom's cause — a pool or a heap running out — shows in the next
 * resource report, which may arrive after the spans did, and a restart would hide it. Evidence of a
 * cause ends the hold at once; otherwise the diagnosis as it stands when the hold ends is
 * published.
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
  private final Duration symptomHold;
  private final Map<String, ScheduledFuture<?>> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService holds =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "brain-symptom-hold");
            thread.setDaemon(true);
            return thread;
          });

  public IncidentDiagnosis(
      Diagnoser diagnoser,
      IncidentLedger ledger,
      EventPublisher publisher,
      IncidentBoard board,
      KnowledgeGraph graph,
      BoardWriter boards,
      BrainConfig config) {
    this.boards = boards;
    this.symptomHold = config.symptomHold();
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

  @PreDestroy
  void stop() {
    holds.shutdownNow();
  }

  /**
   * Diagnoses an incident Scout opened that Brain had not diagnosed when it stopped (the replay
   * found no diagnosis of it).
   */
  void resume(IncidentRecord record) {
    String incidentId = record.facts().incidentId();
    MDC.put("incidentId", incidentId);
    try {
      LOG.infof(
          "incident %s: opened before this start and not diagnosed yet; diagnosing", incidentId);
      ledger.follow(incidentId, record);
      synchronized (record) {
        diagnose(record, null);
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "incident %s: not diagnosed after the restart", incidentId);
    } finally {
      MDC.remove("incidentId");
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
          boolean added = known.facts().update(updated);
          if (added && held.containsKey(event.incidentId())) {
            diagnose(known, null);
          } else if (added && known.diagnosis() != null) {
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
    if (previous == null && hold(record, made)) {
      return;
    }
    ScheduledFuture<?> holding = held.remove(facts.incidentId());
    if (holding != null) {
      holding.cancel(false);
    }
    publish(record, result);
  }

  /**
   * Holds a restart chosen for a symptom alone, on a service with something that can run out or
   * with services it calls, until {@link #symptomHold} after the symptom began (the start of the
   * incident's first anomalous window); true when it is held (the first time, a timer publishes
   * what is known then). Counted from the symptom's start, not from the incident's opening: a
   * cause's report is due a fixed time after the fault began, and a symptom Scout confirmed late
   * (errors over two windows) has already waited for it.
   */
  private boolean hold(IncidentRecord record, DiagnosisMade made) {
    boolean symptom =
        made.faultClass() == FaultClass.LATENCY || made.faultClass() == FaultClass.ERRORS;
    // A restart, or an escalation of a slowness only callers see, rests on the symptom alone. Its
    // cause can still come where something can run out (a pool: its report is due within
    // seconds) or from a service the suspect calls (the callee's own windows close a moment after
    // the caller's: a remembered restart of the caller was once reused before they came). A leaf
    // with nothing to run out has no such cause to wait for; a leak is a trend over minutes. An
    // escalation for a symptom waits on any service: the suspect's own windows close a moment after
    // its callers' (a latency on user-service once escalated as seen only by callers 4.7 s in,
    // while its own spans were still to be judged).
    String suspect = made.plan().service();
    boolean causeMayFollow =
        suspect != null
            && (made.plan().action() == RemediationAction.ESCALATE
                || graph.canRunOut(suspect)
                || graph.service(suspect).map(s -> !s.dependsOn().isEmpty()).orElse(false));
    if (!symptom || made.plan().action() == RemediationAction.PULL_REQUEST || !causeMayFollow) {
      return false;
    }
    String incidentId = record.facts().incidentId();
    Duration left = symptomHold.minus(Duration.between(record.facts().firstSeen(), Instant.now()));
    if (left.isNegative() || left.isZero()) {
      return false;
    }
    if (!held.containsKey(incidentId)) {
      LOG.infof(
          "incident %s: %s on %s is a symptom alone; waiting up to %d ms for evidence of a cause"
              + " (a pool or heap running out) before acting on the symptom",
          incidentId, made.faultClass().id(), made.plan().service(), left.toMillis());
      held.put(
          incidentId,
          holds.schedule(() -> endHold(record), left.toMillis(), TimeUnit.MILLISECONDS));
    }
    return true;
  }

  private void endHold(IncidentRecord record) {
    String incidentId = record.facts().incidentId();
    MDC.put("incidentId", incidentId);
    try {
      synchronized (record) {
        if (held.remove(incidentId) != null) {
          publish(record, diagnoser.diagnose(record.facts()));
        }
      }
    } catch (RuntimeException e) {
      LOG.errorf(
          e, "incident %s: the held diagnosis could not be published; again in 10 s", incidentId);
      held.put(incidentId, holds.schedule(() -> endHold(record), 10, TimeUnit.SECONDS));
    } finally {
      MDC.remove("incidentId");
    }
  }

  private void publish(IncidentRecord record, Diagnoser.Result result) {
    IncidentFacts facts = record.facts();
    DiagnosisMade made = result.diagnosis();
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

  /**
   * The same action on the same service and cause: a verdict, not its wording (a remembered fix's
   * reason names its distance, which moves with every update) — but an escalation is its reason.
   */
  static boolean sameVerdict(DiagnosisMade before, DiagnosisMade now) {
    RemediationPlan was = before.plan();
    RemediationPlan is = now.plan();
    return was.action() == is.action()
        && Objects.equals(was.service(), is.service())
        && Objects.equals(was.change(), is.change())
        && Objects.equals(was.reverts(), is.reverts())
        && (was.action() != RemediationAction.ESCALATE || Objects.equals(was.reason(), is.reason()))
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
