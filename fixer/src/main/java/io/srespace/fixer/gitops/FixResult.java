package io.srespace.fixer.gitops;

import io.srespace.events.ConfigChange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a GitOps step did, for the Fixer's events and the incident's issue. {@code pullRequest} is 0
 * and {@code url}, {@code branch}, {@code commit} are null when there is none; {@code environment}
 * is the changed file's keys after a merge or revert (what the redeploy sets); {@code reasons} says
 * why a step was refused, or what a reader should know about one that was done.
 */
public record FixResult(
    Outcome outcome,
    int pullRequest,
    String url,
    String branch,
    String commit,
    ConfigChange change,
    Map<String, String> environment,
    List<String> reasons) {

  /** What happened. */
  public enum Outcome {
    /** A pull request was opened; nothing is merged yet. */
    PROPOSED,
    /** The incident already has its pull request; no second one was opened. */
    ALREADY_PROPOSED,
    /** Nothing was merged, for the reasons given. */
    REFUSED,
    /** The change is on the default branch. */
    MERGED,
    /** The change was undone on the default branch by a merged revert pull request. */
    REVERTED
  }

  public FixResult {
    environment =
        environment == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }

  static FixResult refused(List<String> reasons) {
    return new FixResult(Outcome.REFUSED, 0, null, null, null, null, Map.of(), reasons);
  }

  public boolean refused() {
    return outcome == Outcome.REFUSED;
  }
}
