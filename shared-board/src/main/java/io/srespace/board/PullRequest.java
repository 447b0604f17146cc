package io.srespace.board;

/**
 * A proposed change: a branch against the default branch, linked to an incident's issue. {@code
 * mergeable} is null while the host has not worked it out; {@code mergeCommit} is set once merged.
 */
public record PullRequest(
    int number,
    String title,
    String branch,
    String base,
    State state,
    Boolean mergeable,
    int linkedIssue,
    String mergeCommit,
    String url) {

  public enum State {
    OPEN,
    MERGED,
    CLOSED
  }
}
