package io.srespace.events;

import java.util.List;

/**
 * A service was deployed with a changed configuration: the commit of the GitOps repository it now
 * runs, each key that changed (from its value before, to its value now), who deployed it and why.
 * Reverting the commit means setting each key back to its {@code from}.
 */
public record DeploymentChanged(
    String service, String commit, List<ConfigChange> changes, String by, String reason)
    implements DeploymentEvent {
  public DeploymentChanged {
    Fields.required(service, "service");
    Fields.required(commit, "commit");
    Fields.required(by, "by");
    changes = Fields.listOf(changes);
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("a deployment changes at least one key");
    }
  }

  /** A commit as people read it: its first 12 characters, as git abbreviates it. */
  public static String shortCommit(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
