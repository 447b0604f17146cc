package io.srespace.fixer.flow;

import io.srespace.events.Event;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationPlan;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationRolledBack;
import io.srespace.events.RemediationVerified;
import io.srespace.fixer.flow.RemediationStrategy.Applied;
import io.srespace.fixer.verify.RecoveryCheck;
import io.srespace.knowledge.KnowledgeGraph;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Says what happened to an action, everywhere it must be said: the event on {@code fixer.actions}
 * (Fixer's record), the log line with the incident id, and the note on the incident's issue.
 */
public final class ActionReport {
  private static final Logger LOG = Logger.getLogger(ActionReport.class);

  private final ActionSink sink;
  private final IncidentNotes notes;
  private final KnowledgeGraph graph;
  private final Clock clock;

  public ActionReport(ActionSink sink, IncidentNotes notes, KnowledgeGraph graph, Clock clock) {
    this.sink = sink;
    this.notes = notes;
    this.graph = graph;
    this.clock = clock;
  }

  IncidentNotes notes() {
    return notes;
  }

  void requested(Job job, String diagnosisEventId, String what, String verdict) {
    publish(job, new RemediationRequested(job.actionId(), job.plan(), diagnosisEventId));
    LOG.infof("incident %s: %s %s: %s", job.incident().id(), job.actionId(), what, verdict);
  }

  void started(Job job, String what) {
    notes.say(
        job.incident(),
        "Fixer: %s (%s) — %s.".formatted(what, job.actionId(), job.plan().reason()));
  }

  void applied(Job job, Applied applied) {
    publish(
        job,
        new RemediationApplied(
            job.actionId(), job.plan().action(), job.service(), applied.detail(), applied.url()));
    notes.say(job.incident(), "Fixer: %s; verifying recovery.".formatted(applied.detail()));
  }

  void verified(Job job, RecoveryCheck.Outcome outcome) {
    publish(
        job,
        new RemediationVerified(
            job.actionId(), job.plan().action(), job.service(), outcome.evidence(), outcome.at()));
    notes.fixed(
        job.incident(), "Fixer: %s verified — %s.".formatted(job.actionId(), outcome.evidence()));
    LOG.infof(
        "incident %s: %s verified: %s", job.incident().id(), job.actionId(), outcome.evidence());
  }

  void rolledBack(Job job, String evidence, String undone) {
    publish(
        job,
        new RemediationRolledBack(
            job.actionId(), job.plan().action(), job.service(), evidence, undone));
  }

  void dryRun(Job job, String what) {
    publish(
        job,
        new RemediationFailed(
            job.actionId(),
            job.plan().action(),
            job.service(),
            "dry run: " + what + " was not carried out",
            false));
    notes.say(job.incident(), "Fixer (dry run): would %s; nothing was done.".formatted(what));
  }

  /**
   * A diagnosis not acted on: one already acted on is only noted; one refused (not from Brain,
   * stale, no open incident) is logged, and recorded on {@code fixer.actions} and the issue when
   * Scout opened the incident (with that issue).
   */
  void notTaken(
      IncidentRef incident,
      RemediationPlan plan,
      Optional<String> acted,
      Optional<String> refused) {
    if (acted.isPresent()) {
      LOG.infof("incident %s: %s: not acted on", incident.id(), acted.get());
      notes.say(incident, "Fixer: " + acted.get() + "; it is not acted on.");
      return;
    }
    String reason = "refused: " + refused.orElseThrow();
    LOG.warnf("incident %s: a diagnosis was %s", incident.id(), reason);
    if (incident.issue() == null) {
      return; // no incident Scout opened: its issue number is not believed, nothing is said
    }
    String actionId = "act-" + UUID.randomUUID().toString().substring(0, 8);
    sink.publish(
        Event.of(
            "fixer",
            incident.id(),
            incident.issue(),
            clock.instant(),
            new RemediationFailed(actionId, plan.action(), plan.service(), reason, false)));
    notes.say(incident, "Fixer: a diagnosis for this incident was %s.".formatted(reason));
  }

  /** The action failed or was not taken: recorded as escalated, and the owner is named. */
  void failed(Job job, String what, String reason, boolean acted) {
    publish(
        job,
        new RemediationFailed(job.actionId(), job.plan().action(), job.service(), reason, true));
    LOG.warnf("incident %s: %s escalated: %s", job.incident().id(), job.actionId(), reason);
    notes.escalated(
        job.incident(),
        "Fixer: %s (%s) %s — escalated to %s: %s."
            .formatted(
                what,
                job.actionId(),
                acted ? "did not bring recovery" : "was not carried out",
                graph.owner(job.service()),
                reason));
  }

  void publish(Job job, RemediationEvent data) {
    sink.publish(
        Event.of("fixer", job.incident().id(), job.incident().issue(), clock.instant(), data));
  }
}
