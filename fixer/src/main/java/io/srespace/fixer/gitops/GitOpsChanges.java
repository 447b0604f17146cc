package io.srespace.fixer.gitops;

import io.srespace.board.PullRequest;
import io.srespace.events.ConfigChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixer's configuration changes as pull requests on the configuration repository. */
public final class GitOpsChanges implements ConfigChanges {
  private final PullRequestFixer fixer;

  public GitOpsChanges(PullRequestFixer fixer) {
    this.fixer = fixer;
  }

  @Override
  public Optional<String> current(String file, String key) {
    return fixer.current(file, key);
  }

  @Override
  public Proposal propose(
      String incidentId,
      Integer issue,
      String service,
      ConfigChange change,
      String reason,
      String reverts) {
    FixResult result =
        fixer.propose(incidentId, issue == null ? 0 : issue, service, change, reason, reverts);
    return switch (result.outcome()) {
      case PROPOSED -> new Proposal(true, result.pullRequest(), result.url(), result.reasons());
      case ALREADY_PROPOSED ->
          new Proposal(
              false,
              result.pullRequest(),
              result.url(),
              List.of(
                  "incident %s already has a pull request on %s"
                      .formatted(incidentId, result.branch())));
      default -> new Proposal(false, 0, null, result.reasons());
    };
  }

  @Override
  public Merged merge(int pullRequest, String file) {
    FixResult result = fixer.merge(pullRequest);
    if (result.outcome() != FixResult.Outcome.MERGED) {
      throw new GitOpsException(
          "pull request #%d was not merged: %s"
              .formatted(pullRequest, String.join("; ", result.reasons())));
    }
    fixer.pruneBranches();
    return new Merged(result.commit(), result.change(), result.environment());
  }

  @Override
  public Optional<Existing> pullRequestOf(String incidentId) {
    return fixer
        .pullRequestOf(incidentId)
        .map(
            pull ->
                new Existing(pull.number(), pull.url(), pull.state() == PullRequest.State.MERGED));
  }

  @Override
  public Map<String, String> environment(String file) {
    return fixer.environment(file);
  }

  @Override
  public Merged revert(int pullRequest, String file, String reason) {
    FixResult result = fixer.revert(pullRequest, reason);
    if (result.outcome() != FixResult.Outcome.REVERTED) {
      throw new GitOpsException(
          "pull request #%d was not reverted: %s"
              .formatted(pullRequest, String.join("; ", result.reasons())));
    }
    return new Merged(result.commit(), result.change(), result.environment());
  }
}
