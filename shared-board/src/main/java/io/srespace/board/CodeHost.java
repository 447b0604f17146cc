package io.srespace.board;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where configuration changes are proposed, merged and undone as pull requests. */
public interface CodeHost {
  String defaultBranch();

  /** The file at {@code path} on {@code branch}, if there is one. */
  Optional<String> read(String branch, String path);

  /** Creates {@code branch} at the head of the default branch. */
  void createBranch(String branch);

  /** Commits file contents (a null content deletes the file) on a branch; returns the commit id. */
  String commit(String branch, String message, Map<String, String> files);

  /** Proposes merging {@code branch} into the default branch, linked to an issue. */
  PullRequest openPullRequest(String branch, String title, String markdownBody, int linkedIssue);

  PullRequest pullRequest(int number);

  /** The newest pull request, open or not, whose head is {@code branch}; empty when none. */
  Optional<PullRequest> pullRequestFrom(String branch);

  /** Squash-merges an open pull request; returns the new commit on the default branch. */
  String squashMerge(int number, String commitMessage);

  void closePullRequest(int number);

  /**
   * Undoes a merged pull request: a new pull request (on {@code revertBranch}) that puts back the
   * files it changed as they were before it.
   */
  PullRequest revert(int number, String revertBranch, String reason);

  /** Branches whose names start with {@code prefix}. */
  List<Branch> branches(String prefix);

  void deleteBranch(String branch);

  /** Keeps the {@code keep} newest branches starting with {@code prefix}; deletes the others. */
  default List<String> pruneBranches(String prefix, int keep) {
    List<String> old =
        branches(prefix).stream()
            .sorted(Comparator.comparing(Branch::lastCommit).reversed())
            .skip(keep)
            .map(Branch::name)
            .toList();
    old.forEach(this::deleteBranch);
    return old;
  }
}
