package io.srespace.fixer.flow;

import io.srespace.events.Event;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationRolledBack;
import io.srespace.events.RemediationVerified;
import io.srespace.fixer.flow.RemediationStrategy.Applied;
import io.srespace.fixer.verify.RecoveryCheck;
import io.srespace.knowledge.KnowledgeGraph;
import java.time.Clock;
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
