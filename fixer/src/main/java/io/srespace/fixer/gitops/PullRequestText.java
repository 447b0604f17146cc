package io.srespace.fixer.gitops;

import io.srespace.events.ConfigChange;
import io.srespace.events.DeploymentChanged;
import io.srespace.knowledge.Lines;
import java.util.List;

/** The words of a fix pull request: its title, commit message and Markdown body. */
final class PullRequestText {
  private PullRequestText() {}

  static String title(String incidentId, String service, ConfigChange change, String reverts) {
    return "sre: %s%s %s %s→%s (%s)"
        .formatted(
            reverts == null ? "" : "revert " + DeploymentChanged.shortCommit(reverts) + " on ",
            service,
            change.key(),
            shown(change.from()),
            change.to(),
            incidentId);
  }

  static String commitMessage(
      String incidentId, String service, ConfigChange change, String why, String reverts) {
    return title(incidentId, service, change, reverts)
        + "\n\nIncident %s: set %s in %s from %s to %s.\n\n%s\n"
            .formatted(
                incidentId, change.key(), change.file(), shown(change.from()), change.to(), why);
  }

  static String body(
      String incidentId,
      int issue,
      String service,
      ConfigChange change,
      String requestedFrom,
      String why,
      String passes,
      String before,
      String after) {
    StringBuilder body = new StringBuilder();
    body.append("## Why\n\n").append(why).append("\n\n");
    body.append(
        "Incident `%s`, issue #%d, service `%s`.\n\n".formatted(incidentId, issue, service));
    body.append("## Change\n\n");
    body.append(
        "`%s`: `%s` from `%s` to `%s`.\n\n"
            .formatted(change.file(), change.key(), shown(change.from()), change.to()));
    if (disagrees(requestedFrom, change.from())) {
      body.append(
          "> The request said `%s` was `%s`; the repository has `%s`, and the repository is the truth, so the change starts from `%s`.\n\n"
              .formatted(change.key(), requestedFrom, shown(change.from()), shown(change.from())));
    }
    body.append("```diff\n").append(diff(before, after)).append("```\n\n");
    body.append("## Validation passed\n\n");
    body.append("- `%s` is allowed by %s\n".formatted(change.to(), passes));
    body.append(
        "- `%s` parses after the edit and only `%s` changed; every other key is as it was\n"
            .formatted(change.file(), change.key()));
    body.append(
        "- it is squash-merged only if the same checks pass again on this branch, then applied"
            + " and verified; not verified in time, it is reverted\n");
    return body.toString();
  }

  static boolean disagrees(String requestedFrom, String actualFrom) {
    return requestedFrom != null && !requestedFrom.equals(actualFrom);
  }

  /** The lines that differ between two texts, as a unified diff's body without context. */
  static String diff(String before, String after) {
    List<String> old = Lines.split(before);
    List<String> now = Lines.split(after);
    int prefix = 0;
    while (prefix < old.size()
        && prefix < now.size()
        && Lines.content(old.get(prefix)).equals(Lines.content(now.get(prefix)))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < old.size() - prefix
        && suffix < now.size() - prefix
        && Lines.content(old.get(old.size() - 1 - suffix))
            .equals(Lines.content(now.get(now.size() - 1 - suffix)))) {
      suffix++;
    }
    StringBuilder diff = new StringBuilder();
    old.subList(prefix, old.size() - suffix)
        .forEach(line -> diff.append('-').append(Lines.content(line)).append('\n'));
    now.subList(prefix, now.size() - suffix)
        .forEach(line -> diff.append('+').append(Lines.content(line)).append('\n'));
    return diff.toString();
  }

  private static String shown(String value) {
    return value == null ? "(unset)" : value;
  }
}
