package io.srespace.fixer.flow;

import io.srespace.board.IncidentBoard;
import io.srespace.events.ApprovalRequested;
import io.srespace.events.DiagnosisEvent;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationPlan;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationRolledBack;
import io.srespace.events.RemediationVerified;
import io.srespace.fixer.approval.Approvals;
import io.srespace.fixer.gitops.ConfigChanges;
import io.srespace.fixer.guardrails.Guardrails;
import io.srespace.fixer.guardrails.Verdict;
import io.srespace.fixer.runtime.ContainerRuntime;
import io.srespace.fixer.state.ActionLog;
import io.srespace.fixer.state.ActionRecord;
import io.srespace.fixer.verify.RecoveryCheck;
import io.srespace.knowledge.KnowledgeGraph;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Carries out Brain's plans: every diagnosis once, through the guardrails, a human's approval when
 * the action is high-risk, the action itself (a restart, or a validated pull request then a
 * redeploy), and the proof of recovery — or a rollback and an escalation. Every step is an event on
 * {@code fixer.actions} and a line on the issue.
 */
public final class RemediationFlow {
  private static final Logger LOG = Logger.getLogger(RemediationFlow.class);
  static final String FIXED = "status: fixed";
  static final String ESCALATED = "status: escalated";
  static final String AWAITING = "status: awaiting-approval";

  /** The incident an action is for, and its issue, as the diagnosis named them. */
  record IncidentRef(String id, Integer issue) {
    Optional<Integer> issueNumber() {
      return Optional.ofNullable(issue);
    }
  }

  /** How long Fixer waits, and whether it only says what it would do. */
  public record Settings(boolean dryRun, Duration verifyDeadline, Duration approvalTimeout) {}

  private final Guardrails guardrails;
  private final ActionLog log;
  private final ActionSink sink;
  private final ContainerRuntime runtime;
  private final Optional<ConfigChanges> gitops;
  private final RecoveryCheck recovery;
  private final Approvals approvals;
  private final IncidentBoard board;
  private final KnowledgeGraph policy;
  private final Settings settings;
  private final Clock clock;
  private final ExecutorService workers;

  public RemediationFlow(
      Guardrails guardrails,
      ActionLog log,
      ActionSink sink,
      ContainerRuntime runtime,
      Optional<ConfigChanges> gitops,
      RecoveryCheck recovery,
      Approvals approvals,
      IncidentBoard board,
      KnowledgeGraph policy,
      Settings settings,
      Clock clock,
      ExecutorService workers) {
    this.guardrails = guardrails;
    this.log = log;
    this.sink = sink;
    this.runtime = runtime;
    this.gitops = gitops;
    this.recovery = recovery;
    this.approvals = approvals;
    this.board = board;
    this.policy = policy;
    this.settings = settings;
    this.clock = clock;
    this.workers = workers;
  }

  /** Decides at once what to do about a diagnosis; the action itself runs on a worker. */
  public void onDiagnosis(Event<DiagnosisEvent> event) {
    if (!(event.data() instanceof DiagnosisMade made)) {
      return;
    }
    IncidentRef incident = new IncidentRef(event.incidentId(), event.issue());
    String incidentId = incident.id();
    Optional<ActionRecord> done = log.forDiagnosis(event.eventId());
    if (done.isPresent()) {
      LOG.infof(
          "incident %s: diagnosis %s was already acted on (%s): not acted on again",
          incidentId, event.eventId(), done.get().actionId());
      return;
    }
    Optional<ActionRecord> open = log.openFor(incidentId);
    if (open.isPresent()) {
      LOG.infof(
          "incident %s: a new diagnosis while %s is not finished: not acted on",
          incidentId, open.get().actionId());
      comment(
          incident,
          "Fixer: a new diagnosis arrived while %s is not finished; it is not acted on."
              .formatted(open.get().actionId()));
      return;
    }
    RemediationPlan plan = made.plan();
    if (plan.action() == RemediationAction.ESCALATE) {
      LOG.infof("incident %s: Brain escalated: %s", incidentId, plan.reason());
      escalateOnBoard(incident, "Fixer: nothing to do — Brain escalated: " + plan.reason());
      return;
    }
    String actionId = "act-" + UUID.randomUUID().toString().substring(0, 8);
    Verdict verdict = guardrails.admit(plan.service(), made.faultClass(), plan);
    publish(incident, new RemediationRequested(actionId, plan, event.eventId()));
    LOG.infof(
        "incident %s: %s %s: %s (%s)",
        incidentId, actionId, describe(plan), verdict.decision(), verdict.reason());
    if (verdict.decision() == Verdict.Decision.REFUSE) {
      fail(incident, actionId, plan, "refused: " + verdict.reason(), false);
      return;
    }
    workers.execute(() -> carryOut(incident, actionId, plan, verdict));
  }

  /**
   * Accounts for the actions a previous run left unfinished: one already applied is verified (not
   * repeated); one not yet applied is reported failed and left to a human.
   */
  public void resumeAfterRestart() {
    for (ActionRecord action : log.unfinished()) {
      RemediationPlan plan = action.plan();
      IncidentRef incident = new IncidentRef(action.incidentId(), action.issue());
      if (action.phase() == ActionRecord.Phase.APPLIED) {
        LOG.infof(
            "incident %s: %s was applied before a restart: verifying it",
            action.incidentId(), action.actionId());
        guardrails.admit(plan.service(), null, plan);
        workers.execute(() -> verify(incident, action.actionId(), plan, action.appliedAt(), null));
      } else {
        fail(
            incident,
            action.actionId(),
            plan,
            "Fixer restarted before carrying out %s; it is not repeated: a human decides"
                .formatted(describe(plan)),
            false);
      }
    }
  }

  private void carryOut(
      IncidentRef incident, String actionId, RemediationPlan plan, Verdict verdict) {
    String incidentId = incident.id();
    MDC.put("incidentId", incidentId);
    try {
      comment(incident, "Fixer: %s (%s) — %s.".formatted(describe(plan), actionId, plan.reason()));
      if (verdict.decision() == Verdict.Decision.ASK_APPROVAL
          && !approved(incident, actionId, plan, verdict)) {
        return;
      }
      if (settings.dryRun()) {
        guardrails.released(plan.service());
        publish(
            incident,
            new RemediationFailed(
                actionId,
                plan.action(),
                plan.service(),
                "dry run: " + describe(plan) + " was not carried out",
                false));
        comment(incident, "Fixer (dry run): would %s; nothing was done.".formatted(describe(plan)));
        return;
      }
      Optional<String> killed = guardrails.killed();
      if (killed.isPresent()) {
        guardrails.released(plan.service());
        fail(incident, actionId, plan, "refused: " + killed.get(), false);
        return;
      }
      Instant actedAt = clock.instant();
      Integer pullRequest = null;
      if (plan.action() == RemediationAction.RESTART) {
        runtime.restart(plan.service());
        publish(
            incident,
            new RemediationApplied(
                actionId,
                plan.action(),
                plan.service(),
                "restarted through " + runtime.describe(),
                null));
      } else {
        ConfigChanges changes =
            gitops.orElseThrow(
                () -> new IllegalStateException("no configuration repository is configured"));
        ConfigChanges.Proposal proposal =
            changes.propose(
                incidentId, incident.issue(), plan.service(), plan.change(), plan.reason());
        if (!proposal.accepted()) {
          guardrails.finished(plan.service(), false);
          fail(
              incident,
              actionId,
              plan,
              "the change was refused: " + String.join("; ", proposal.refusals()),
              true);
          return;
        }
        pullRequest = proposal.pullRequest();
        Map<String, String> environment =
            changes.merge(proposal.pullRequest(), plan.change().file());
        runtime.redeploy(plan.service(), environment);
        publish(
            incident,
            new RemediationApplied(
                actionId,
                plan.action(),
                plan.service(),
                "merged pull request #%d and redeployed %s through %s"
                    .formatted(proposal.pullRequest(), plan.service(), runtime.describe()),
                proposal.url()));
        comment(
            incident,
            "Fixer: pull request #%d (%s) validated, merged and %s redeployed; verifying recovery."
                .formatted(proposal.pullRequest(), proposal.url(), plan.service()));
      }
      verify(incident, actionId, plan, actedAt, pullRequest);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      guardrails.released(plan.service());
      LOG.warnf(
          "incident %s: %s left unfinished at shutdown; the next Fixer accounts for it",
          incidentId, actionId);
    } catch (RuntimeException e) {
      LOG.errorf(e, "incident %s: %s failed: %s", incidentId, actionId, e.getMessage());
      guardrails.finished(plan.service(), false);
      fail(incident, actionId, plan, describe(plan) + " failed: " + e.getMessage(), true);
    } finally {
      MDC.remove("incidentId");
    }
  }

  private boolean approved(
      IncidentRef incident, String actionId, RemediationPlan plan, Verdict verdict)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(settings.approvalTimeout());
    publish(
        incident,
        new ApprovalRequested(
            actionId, plan, approvals.approvers().stream().sorted().toList(), deadline));
    Optional<Integer> issue = incident.issueNumber();
    if (issue.isEmpty()) {
      guardrails.released(plan.service());
      fail(
          incident,
          actionId,
          plan,
          "approval needed but the incident has no open issue to ask on",
          false);
      return false;
    }
    board.addLabels(issue.get(), Set.of(AWAITING));
    board.comment(
        issue.get(),
        "Fixer: %s. Reply `/approve %s` or `/deny %s` before %s (allowed: %s)."
            .formatted(
                verdict.reason(),
                actionId,
                actionId,
                deadline,
                approvals.approvers().isEmpty()
                    ? "nobody is configured"
                    : String.join(", ", approvals.approvers())));
    Approvals.Decision decision = approvals.await(issue.get(), actionId, deadline);
    board.removeLabels(issue.get(), Set.of(AWAITING));
    if (decision.answer() != Approvals.Answer.APPROVED) {
      guardrails.released(plan.service());
      fail(
          incident,
          actionId,
          plan,
          decision.answer() == Approvals.Answer.DENIED
              ? "denied by " + decision.by()
              : "no approval within " + settings.approvalTimeout().toSeconds() + " s",
          false);
      return false;
    }
    comment(incident, "Fixer: %s approved by %s.".formatted(actionId, decision.by()));
    return true;
  }

  private void verify(
      IncidentRef incident,
      String actionId,
      RemediationPlan plan,
      Instant actedAt,
      Integer pullRequest) {
    String incidentId = incident.id();
    MDC.put("incidentId", incidentId);
    try {
      RecoveryCheck.Outcome outcome =
          recovery.await(incidentId, plan.service(), actedAt, settings.verifyDeadline());
      if (outcome.recovered()) {
        publish(
            incident,
            new RemediationVerified(
                actionId, plan.action(), plan.service(), outcome.evidence(), outcome.at()));
        guardrails.finished(plan.service(), true);
        incident
            .issueNumber()
            .ifPresent(
                issue -> {
                  board.addLabels(issue, Set.of(FIXED));
                  board.comment(
                      issue, "Fixer: %s verified — %s.".formatted(actionId, outcome.evidence()));
                });
        LOG.infof("incident %s: %s verified: %s", incidentId, actionId, outcome.evidence());
        return;
      }
      if (pullRequest != null && gitops.isPresent()) {
        Map<String, String> restored =
            gitops.get().revert(pullRequest, plan.change().file(), outcome.evidence());
        runtime.redeploy(plan.service(), restored);
        publish(
            incident,
            new RemediationRolledBack(
                actionId,
                plan.action(),
                plan.service(),
                outcome.evidence(),
                "revert of #" + pullRequest));
      }
      guardrails.finished(plan.service(), false);
      fail(incident, actionId, plan, outcome.evidence(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      guardrails.released(plan.service());
      LOG.warnf(
          "incident %s: verification of %s left unfinished at shutdown; the next Fixer resumes it",
          incidentId, actionId);
    } catch (RuntimeException e) {
      LOG.errorf(e, "incident %s: verifying %s failed: %s", incidentId, actionId, e.getMessage());
      guardrails.finished(plan.service(), false);
      fail(incident, actionId, plan, "verification failed: " + e.getMessage(), true);
    } finally {
      MDC.remove("incidentId");
    }
  }

  private void fail(
      IncidentRef incident, String actionId, RemediationPlan plan, String reason, boolean acted) {
    String incidentId = incident.id();
    publish(incident, new RemediationFailed(actionId, plan.action(), plan.service(), reason, true));
    LOG.warnf("incident %s: %s escalated: %s", incidentId, actionId, reason);
    escalateOnBoard(
        incident,
        "Fixer: %s (%s) %s — escalated to %s: %s."
            .formatted(
                describe(plan),
                actionId,
                acted ? "did not bring recovery" : "was not carried out",
                policy.owner(plan.service()),
                reason));
  }

  private void escalateOnBoard(IncidentRef incident, String markdown) {
    incident
        .issueNumber()
        .ifPresent(
            issue -> {
              board.addLabels(issue, Set.of(ESCALATED));
              board.comment(issue, markdown);
            });
  }

  private void comment(IncidentRef incident, String markdown) {
    incident.issueNumber().ifPresent(issue -> board.comment(issue, markdown));
  }

  private void publish(IncidentRef incident, RemediationEvent data) {
    sink.publish(Event.of("fixer", incident.id(), incident.issue(), clock.instant(), data));
  }

  static String describe(RemediationPlan plan) {
    return switch (plan.action()) {
      case RESTART -> "restart " + plan.service();
      case PULL_REQUEST ->
          "change %s of %s to %s"
              .formatted(plan.change().key(), plan.service(), plan.change().to());
      case ESCALATE -> "escalate";
    };
  }
}
