package io.srespace.fixer.flow;

import io.srespace.events.ApprovalRequested;
import io.srespace.fixer.approval.Approvals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A high-risk action waits here for a person: the request is published and asked on the issue, then
 * the first allowed answer decides, or the timeout refuses.
 */
public final class ApprovalGate {
  private final Approvals approvals;
  private final IncidentNotes notes;
  private final Duration timeout;
  private final Clock clock;

  public ApprovalGate(Approvals approvals, IncidentNotes notes, Duration timeout, Clock clock) {
    this.approvals = approvals;
    this.notes = notes;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Empty when approved; otherwise why not. */
  Optional<String> ask(Job job, String why, Consumer<ApprovalRequested> publish)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    publish.accept(
        new ApprovalRequested(
            job.actionId(),
            job.plan(),
            approvals.approvers().stream().sorted().toList(),
            deadline));
    if (job.incident().issue() == null) {
      return Optional.of("approval needed but the incident has no issue to ask on");
    }
    notes.awaiting(
        job.incident(),
        "Fixer: %s. Reply `/approve %s` or `/deny %s` before %s (allowed: %s)."
            .formatted(
                why,
                job.actionId(),
                job.actionId(),
                deadline,
                approvals.approvers().isEmpty()
                    ? "nobody is configured"
                    : String.join(", ", approvals.approvers())));
    Approvals.Decision decision = approvals.await(job.incident().issue(), job.actionId(), deadline);
    notes.answered(job.incident());
    return switch (decision.answer()) {
      case APPROVED -> {
        notes.say(
            job.incident(), "Fixer: %s approved by %s.".formatted(job.actionId(), decision.by()));
        yield Optional.empty();
      }
      case DENIED -> Optional.of("denied by " + decision.by());
      default -> Optional.of("no approval within " + timeout.toSeconds() + " s");
    };
  }
}
