package io.srespace.fixer.gitops;

import io.srespace.events.ConfigChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How Fixer changes a service's configuration: a pull request on the configuration repository,
 * merged only when its change validates, undone when recovery is not proven.
 */
public interface ConfigChanges {

  /** A proposed change: its pull request, or why it was refused (then nothing was merged). */
  record Proposal(boolean accepted, int pullRequest, String url, List<String> refusals) {
    public Proposal {
      refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }
  }

  /**
   * A change now on the default branch: its commit, the key it changed (null when it changed more
   * than one, which only a revert of a bad merge can), and the file's environment after it.
   */
  record Merged(String commit, ConfigChange change, Map<String, String> environment) {}

  /** An incident's pull request as the repository has it now. */
  record Existing(int pullRequest, String url, boolean merged) {}

  /** The value of {@code key} in {@code file} as merged now; empty when the key is not set. */
  Optional<String> current(String file, String key);

  default Proposal propose(
      String incidentId, Integer issue, String service, ConfigChange change, String reason) {
    return propose(incidentId, issue, service, change, reason, null);
  }

  /**
   * Proposes {@code change}; with {@code reverts}, undoing that recorded deployment: {@code change}
   * sets its key from what the deployment set back to the value before it.
   */
  Proposal propose(
      String incidentId,
      Integer issue,
      String service,
      ConfigChange change,
      String reason,
      String reverts);

  /** Validates the pull request again and squash-merges it. */
  Merged merge(int pullRequest, String file);

  /** The incident's pull request, open or not; empty when it has none. */
  Optional<Existing> pullRequestOf(String incidentId);

  /** The file's environment as merged now: what a redeploy of its service sets. */
  Map<String, String> environment(String file);

  /** Undoes a merged pull request (a revert pull request, merged). */
  Merged revert(int pullRequest, String file, String reason);
}
