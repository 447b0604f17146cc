package io.srespace.board.github;

import static io.srespace.board.github.GitHubCalls.call;

import io.srespace.board.BoardException;
import io.srespace.board.BoardException.Reason;
import io.srespace.board.Branch;
import io.srespace.board.CodeHost;
import io.srespace.board.PullRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHRef;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTreeBuilder;

/**
 * A GitHub repository as the code host: branches and commits through the git data API (one commit
 * for any number of files), pull requests linked to issues with {@code Refs #N}, squash merges.
 */
public final class GitHubCodeHost implements CodeHost {
  private static final Pattern LINKED_ISSUE = Pattern.compile("Refs #(\\d+)");
  private final GHRepository repository;

  GitHubCodeHost(GHRepository repository) {
    this.repository = repository;
  }

  public static GitHubCodeHost connect(GitHubSettings settings) {
    return new GitHubCodeHost(GitHubRepository.connect(settings));
  }

  @Override
  public String defaultBranch() {
    return repository.getDefaultBranch();
  }

  @Override
  public Optional<String> read(String branch, String path) {
    return call(
        "reading " + path + " on " + branch,
        () -> {
          try (InputStream content = repository.getFileContent(path, branch).read()) {
            return Optional.of(new String(content.readAllBytes(), StandardCharsets.UTF_8));
          } catch (GHFileNotFoundException e) {
            return Optional.<String>empty();
          }
        });
  }

  @Override
  public void createBranch(String branch) {
    call(
        "creating branch " + branch,
        () -> repository.createRef("refs/heads/" + branch, head(defaultBranch())));
  }

  @Override
  public String commit(String branch, String message, Map<String, String> files) {
    return call(
        "committing on " + branch,
        () -> {
          GHRef ref = repository.getRef("heads/" + branch);
          String parent = ref.getObject().getSha();
          GHTreeBuilder tree =
              repository.createTree().baseTree(repository.getCommit(parent).getTree().getSha());
          files.forEach(
              (path, content) -> {
                if (content == null) {
                  tree.delete(path);
                } else {
                  tree.add(path, content, false);
                }
              });
          GHCommit commit =
              repository
                  .createCommit()
                  .message(message)
                  .tree(tree.create().getSha())
                  .parent(parent)
                  .create();
          ref.updateTo(commit.getSHA1());
          return commit.getSHA1();
        });
  }

  @Override
  public PullRequest openPullRequest(
      String branch, String title, String markdownBody, int linkedIssue) {
    return call(
        "opening a pull request from " + branch,
        () ->
            toPullRequest(
                repository.createPullRequest(
                    title, branch, defaultBranch(), markdownBody + "\n\nRefs #" + linkedIssue)));
  }

  @Override
  public PullRequest pullRequest(int number) {
    return call(
        "reading pull request #" + number, () -> toPullRequest(repository.getPullRequest(number)));
  }

  @Override
  public Optional<PullRequest> pullRequestFrom(String branch) {
    return call(
        "finding the pull request of " + branch,
        () -> {
          for (GHPullRequest pull :
              repository
                  .queryPullRequests()
                  .head(repository.getOwnerName() + ":" + branch)
                  .state(GHIssueState.ALL)
                  .list()) {
            return Optional.of(toPullRequest(pull));
          }
          return Optional.<PullRequest>empty();
        });
  }

  @Override
  public String squashMerge(int number, String commitMessage) {
    return call(
        "merging pull request #" + number,
        () -> {
          GHPullRequest pull = repository.getPullRequest(number);
          if (pull.isMerged() || pull.getState() != GHIssueState.OPEN) {
            throw new BoardException(Reason.INVALID, "pull request #" + number + " is not open");
          }
          pull.merge(commitMessage, null, GHPullRequest.MergeMethod.SQUASH);
          return repository.getPullRequest(number).getMergeCommitSha();
        });
  }

  @Override
  public void closePullRequest(int number) {
    call(
        "closing pull request #" + number,
        () -> {
          repository.getPullRequest(number).close();
          return null;
        });
  }

  @Override
  public PullRequest revert(int number, String revertBranch, String reason) {
    PullRequest merged = pullRequest(number);
    if (merged.state() != PullRequest.State.MERGED) {
      throw new BoardException(Reason.INVALID, "pull request #" + number + " is not merged");
    }
    Map<String, String> restored =
        call(
            "reading the changes of pull request #" + number,
            () -> {
              String before = repository.getCommit(merged.mergeCommit()).getParentSHA1s().get(0);
              Map<String, String> files = new LinkedHashMap<>();
              for (GHPullRequestFileDetail file : repository.getPullRequest(number).listFiles()) {
                files.put(file.getFilename(), read(before, file.getFilename()).orElse(null));
              }
              return files;
            });
    createBranch(revertBranch);
    commit(revertBranch, "Revert #%d: %s".formatted(number, reason), restored);
    return openPullRequest(
        revertBranch,
        "Revert #%d: %s".formatted(number, merged.title()),
        "Reverts #%d: %s".formatted(number, reason),
        merged.linkedIssue());
  }

  @Override
  public List<Branch> branches(String prefix) {
    return call(
        "listing branches",
        () -> {
          List<Branch> branches = new ArrayList<>();
          for (var branch : repository.getBranches().values()) {
            if (branch.getName().startsWith(prefix)) {
              branches.add(
                  new Branch(
                      branch.getName(),
                      repository.getCommit(branch.getSHA1()).getCommitDate().toInstant()));
            }
          }
          return branches;
        });
  }

  @Override
  public void deleteBranch(String branch) {
    call(
        "deleting branch " + branch,
        () -> {
          repository.getRef("heads/" + branch).delete();
          return null;
        });
  }

  private String head(String branch) throws IOException {
    return repository.getRef("heads/" + branch).getObject().getSha();
  }

  private static PullRequest toPullRequest(GHPullRequest pull) throws IOException {
    PullRequest.State state =
        pull.isMerged()
            ? PullRequest.State.MERGED
            : pull.getState() == GHIssueState.OPEN
                ? PullRequest.State.OPEN
                : PullRequest.State.CLOSED;
    Matcher issue = LINKED_ISSUE.matcher(pull.getBody() == null ? "" : pull.getBody());
    return new PullRequest(
        pull.getNumber(),
        pull.getTitle(),
        pull.getHead().getRef(),
        pull.getBase().getRef(),
        state,
        state == PullRequest.State.OPEN ? pull.getMergeable() : null,
        issue.find() ? Integer.parseInt(issue.group(1)) : 0,
        state == PullRequest.State.MERGED ? pull.getMergeCommitSha() : null,
        String.valueOf(pull.getHtmlUrl()));
  }
}
