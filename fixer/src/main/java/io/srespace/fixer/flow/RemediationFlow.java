package io.srespace.fixer.flow;

import io.srespace.events.DiagnosisEvent;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.RemediationAction;
import io.srespace.fixer.flow.RemediationStrategy.Applied;
import io.srespace.fixer.guardrails.Guardrails;
import io.srespace.fixer.guardrails.Verdict;
import io.srespace.fixer.state.ActionLog;
import io.srespace.fixer.state.ActionRecord;
import io.srespace.fixer.verify.RecoveryCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Carries out Brain's plans through the design's lifecycle: requested → (awaiting approval) →
 * applied → verified, or rolled back and failed (escalated). Each diagnosis once, through the
 * guardrails; what an action is, how it is checked and undone is its strategy's; what is said about
 * each step is the report's.
 */
public final class RemediationFlow {
  private static final Logger LOG = Logger.getLogger(RemediationFlow.class);

  private final DiagnosisAdmission admission;
  private final Guardrails guardrails;
  private final ActionLog log;
  private final Map<RemediationAction, RemediationStrategy> strategies;
  private final ApprovalGate approvals;
  private final ActionReport report;
  private final boolean dryRun;
  private final ExecutorService workers;

  public RemediationFlow(
      DiagnosisAdmission admission,
      Guardrails guardrails,
      ActionLog log,
      List<RemediationStrategy> strategies,
      ApprovalGate approvals,
      ActionReport report,
      boolean dryRun,
      ExecutorService workers) {
    this.admission = admission;
    this.guardrails = guardrails;
    this.log = log;
    this.strategies =
        strategies.stream()
            .collect(Collectors.toMap(RemediationStrategy::action, Function.identity()));
    this.approvals = approvals;
    this.report = report;
    this.dryRun = dryRun;
    this.workers = workers;
  }

  /** Decides what to do about a diagnosis (admitted first); the action itself runs on a worker. */
  public void onDiagnosis(Event<DiagnosisEvent> event) throws InterruptedException {
    if (!(event.data() instanceof DiagnosisMade made)) {
      return;
    }
    Optional<String> acted = log.whyNotAgain(event.eventId(), event.incidentId());
    DiagnosisAdmission.Decision admitted = admission.admit(event);
    IncidentRef incident = admitted.incident();
    if (acted.isPresent() || admitted.refusal().isPresent()) {
      report.notTaken(incident, made.plan(), acted, admitted.refusal());
      return;
    }
    if (made.plan().action() == RemediationAction.ESCALATE) {
      LOG.infof("incident %s: Brain escalated: %s", incident.id(), made.plan().reason());
      report
          .notes()
          .escalated(incident, "Fixer: nothing to do — Brain escalated: " + made.plan().reason());
      return;
    }
    String actionId = "act-" + UUID.randomUUID().toString().substring(0, 8);
    Job job = new Job(incident, actionId, made.plan(), made.faultClass());
    RemediationStrategy strategy = strategies.get(made.plan().action());
    Verdict verdict =
        strategy == null
            ? Verdict.refuse("Fixer has no way to " + made.plan().action().id())
            : guardrails.admit(job.service(), made.faultClass(), made.plan());
    report.requested(
        job, event.eventId(), describe(job), verdict.decision() + " (" + verdict.reason() + ")");
    if (verdict.decision() == Verdict.Decision.REFUSE) {
      report.failed(job, describe(job), "refused: " + verdict.reason(), false);
      return;
    }
    workers.execute(() -> step(job, () -> run(job, strategy, verdict), "carrying out"));
  }

  /**
   * Accounts for the actions a previous run left unfinished: one applied is verified (not
   * repeated), and so is one the runtime or the repository shows was carried out although its
   * report was not written (a restart the runtime started after it was asked for, a pull request
   * merged — then redeployed, in case Fixer died before it did); any other is reported failed and
   * left to a human.
   */
  public void resumeAfterRestart() {
    for (ActionRecord action : log.unfinished()) {
      IncidentRef incident = new IncidentRef(action.incidentId(), action.issue());
      Job job = new Job(incident, action.actionId(), action.plan(), null);
      RemediationStrategy strategy = strategies.get(action.plan().action());
      Optional<Applied> applied = Optional.empty();
      if (strategy != null && action.phase() == ActionRecord.Phase.APPLIED) {
        applied = Optional.of(strategy.resumed(job, action.appliedAt()));
      } else if (strategy != null && action.phase() == ActionRecord.Phase.REQUESTED) {
        applied = strategy.appliedBeforeCrash(job, action.requestedAt());
        applied.ifPresent(done -> report.applied(job, done));
      }
      if (applied.isEmpty()) {
        String why = "Fixer restarted before carrying out %s; it is not repeated: a human decides";
        guardrails.released(job.service());
        report.failed(job, describe(job), why.formatted(describe(job)), false);
        continue;
      }
      Applied done = applied.get();
      LOG.infof(
          "incident %s: %s was carried out before a restart (%s): verifying it",
          incident.id(), job.actionId(), done.detail());
      if (!guardrails.inFlight(job.service())) {
        guardrails.admit(job.service(), null, job.plan());
      }
      workers.execute(() -> step(job, () -> verify(job, strategy, done), "verifying"));
    }
  }

  private void run(Job job, RemediationStrategy strategy, Verdict verdict)
      throws InterruptedException {
    report.started(job, describe(job));
    Optional<String> refused =
        verdict.decision() == Verdict.Decision.ASK_APPROVAL
            ? approvals.ask(job, verdict.reason(), request -> report.publish(job, request))
            : Optional.empty();
    if (refused.isEmpty() && !dryRun) {
      refused = guardrails.killed().map(reason -> "refused: " + reason);
    }
    if (refused.isPresent() || dryRun) {
      guardrails.released(job.service());
      if (refused.isPresent()) {
        report.failed(job, describe(job), refused.get(), false);
      } else {
        report.dryRun(job, describe(job));
      }
      return;
    }
    Applied applied = strategy.apply(job);
    report.applied(job, applied);
    verify(job, strategy, applied);
  }

  private void verify(Job job, RemediationStrategy strategy, Applied applied)
      throws InterruptedException {
    RecoveryCheck.Outcome outcome = strategy.verify(job, applied.at());
    if (outcome.recovered()) {
      report.verified(job, outcome);
      guardrails.finished(job.service(), true);
      return;
    }
    strategy
        .undo(job, applied, outcome.evidence())
        .ifPresent(undone -> report.rolledBack(job, outcome.evidence(), undone));
    guardrails.finished(job.service(), false);
    report.failed(job, describe(job), outcome.evidence(), true);
  }

  /**
   * A step on a worker: a refusal or a failure is recorded; a shutdown leaves it to the next run.
   */
  private void step(Job job, Step step, String doing) {
    MDC.put("incidentId", job.incident().id());
    try {
      step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      guardrails.released(job.service());
      LOG.warnf(
          "incident %s: %s %s stopped at shutdown; the next Fixer accounts for it",
          job.incident().id(), doing, job.actionId());
    } catch (RemediationStrategy.Refused e) {
      guardrails.finished(job.service(), false);
      report.failed(job, describe(job), e.getMessage(), true);
    } catch (RuntimeException e) {
      LOG.errorf(e, "incident %s: %s %s failed", job.incident().id(), doing, job.actionId());
      guardrails.finished(job.service(), false);
      report.failed(
          job,
          describe(job),
          "%s %s failed: %s".formatted(doing, describe(job), e.getMessage()),
          true);
    } finally {
      MDC.remove("incidentId");
    }
  }

  private interface Step {
    void run() throws InterruptedException;
  }

  private String describe(Job job) {
    RemediationStrategy strategy = strategies.get(job.plan().action());
    return strategy == null ? job.plan().action().id() : strategy.describe(job);
  }
}
