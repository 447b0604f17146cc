package io.srespace.fixer.flow;

import io.srespace.events.RemediationAction;
import io.srespace.fixer.verify.RecoveryCheck;
import java.time.Instant;
import java.util.Optional;

/**
 * One kind of action Fixer takes, as the design's lifecycle needs it: apply it, verify that it
 * brought recovery, and undo it when it did not.
 */
public interface RemediationStrategy {

  /** What was done: when, in words, and the pull request it merged (0 and null for none). */
  record Applied(Instant at, String detail, int pullRequest, String url) {}

  RemediationAction action();

  /** The action in words for people: "restart user-service". */
  String describe(Job job);

  /**
   * Carries the job out; returns once it is done (not yet verified).
   *
   * @throws Refused when the action may not be taken as asked (nothing was changed)
   */
  Applied apply(Job job) throws InterruptedException;

  /** Waits for proof of recovery after the action, within the strategy's deadline. */
  RecoveryCheck.Outcome verify(Job job, Instant appliedAt) throws InterruptedException;

  /**
   * Whether an action Fixer asked for before it crashed, and never reported applied, was carried
   * out after all: what the runtime shows of it, or empty when nothing says so.
   */
  default Optional<Applied> appliedBeforeCrash(Job job, Instant requestedAt) {
    return Optional.empty();
  }

  /**
   * An action a previous Fixer reported applied, as this one resumes verifying it: what it needs to
   * undo it if recovery does not come.
   */
  default Applied resumed(Job job, Instant appliedAt) {
    return new Applied(appliedAt, "applied before a restart", 0, null);
  }

  /** Undoes an applied action that did not bring recovery; what was done, or empty for nothing. */
  Optional<String> undo(Job job, Applied applied, String why);

  /** An action refused before anything was changed, with the reasons people can act on. */
  final class Refused extends RuntimeException {
    public Refused(String reason) {
      super(reason);
    }
  }
}
