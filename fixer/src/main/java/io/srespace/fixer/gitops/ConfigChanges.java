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

  /** An incident's pull request as the repository has it now. */
  record Existing(int pullRequest, String url, boolean merged) {}

  /** The value of {@code key} in {@code file} as merged now; empty when the key is not set. */
  Optional<String> current(String file, String key);

  Proposal propose(
      String incidentId, Integer issue, String service, ConfigChange change, String reason);

  /** Validates the pull request again and squash-merges it; the file's new environment. */
  Map<String, String> merge(int pullRequest, String file);

  /** The incident's pull request, open or not; empty when it has none. */
  Optional<Existing> pullRequestOf(String incidentId);

  /** The file's environment as merged now: what a redeploy of its service sets. */
  Map<String, String> environment(String file);

  /** Undoes a merged pull request; the file's environment as it is again. */
  Map<String, String> revert(int pullRequest, String file, String reason);
}
