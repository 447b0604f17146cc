package io.srespace.board;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where each incident's record lives for people: one issue per incident, the agents' findings as
 * comments, its state as labels. Comments are written as the board's own user.
 */
public interface IncidentBoard {
  /** The hidden marker an issue body carries so the incident's issue can be found again. */
  static String marker(String incidentId) {
    return "<!-- sre-space:incident=" + incidentId + " -->";
  }

  /** Opens the incident's issue, or returns the one already open for it: never two. */
  Issue open(String incidentId, String title, String markdownBody, Set<String> labels);

  /** The open issue of an incident, if there is one. */
  Optional<Issue> findOpen(String incidentId);

  Optional<Issue> issue(int number);

  /** Every issue, newest first; closed ones too when asked. */
  List<Issue> issues(boolean includeClosed);

  Comment comment(int issue, String markdown);

  void addLabels(int issue, Set<String> labels);

  void removeLabels(int issue, Set<String> labels);

  /** Comments with a final word, then closes the issue. */
  void close(int issue, String finalComment);

  /** The issue's comments newer than the one with id {@code afterId} (0 for all), oldest first. */
  List<Comment> comments(int issue, long afterId);

  /**
   * Whether a comment's author is who the board says (a GitHub login is; a local board's author is
   * a name anyone writes).
   */
  default boolean authenticatesAuthors() {
    return false;
  }

  /**
   * The login the agents themselves write as, on a board that authenticates its authors: a comment
   * of theirs is never a person's answer. Empty where the board knows no logins.
   */
  default Optional<String> agentLogin() {
    return Optional.empty();
  }
}
