package io.srespace.board.github;

import static io.srespace.board.github.GitHubCalls.call;

import io.srespace.board.Comment;
import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueBuilder;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

/** The incident board on GitHub issues, written as the token's user. */
public final class GitHubBoard implements IncidentBoard {
  private final GitHub github;
  private final GHRepository repository;
  private volatile String login;

  GitHubBoard(GitHub github, GHRepository repository) {
    this.github = github;
    this.repository = repository;
  }

  public static GitHubBoard connect(GitHubSettings settings) {
    GitHub github = GitHubRepository.client(settings);
    return new GitHubBoard(github, GitHubRepository.connect(github, settings));
  }

  @Override
  public Issue open(String incidentId, String title, String markdownBody, Set<String> labels) {
    Optional<Issue> existing = findOpen(incidentId);
    if (existing.isPresent()) {
      return existing.get();
    }
    return call(
        "opening the issue of " + incidentId,
        () -> {
          GHIssueBuilder issue =
              repository
                  .createIssue(title)
                  .body(markdownBody + "\n\n" + IncidentBoard.marker(incidentId) + "\n");
          for (String label : labels) {
            issue.label(label);
          }
          return toIssue(issue.create());
        });
  }

  @Override
  public Optional<Issue> findOpen(String incidentId) {
    String marker = IncidentBoard.marker(incidentId);
    return issues(false).stream().filter(issue -> issue.body().contains(marker)).findFirst();
  }

  @Override
  public Optional<Issue> issue(int number) {
    return call(
        "reading issue #" + number,
        () -> {
          try {
            GHIssue issue = repository.getIssue(number);
            return issue.isPullRequest() ? Optional.empty() : Optional.of(toIssue(issue));
          } catch (GHFileNotFoundException e) {
            return Optional.<Issue>empty();
          }
        });
  }

  @Override
  public List<Issue> issues(boolean includeClosed) {
    return call(
        "listing issues",
        () ->
            repository
                .queryIssues()
                .state(includeClosed ? GHIssueState.ALL : GHIssueState.OPEN)
                .list()
                .toList()
                .stream()
                .filter(issue -> !issue.isPullRequest())
                .map(GitHubBoard::toIssue)
                .sorted(Comparator.comparingInt(Issue::number).reversed())
                .toList());
  }

  @Override
  public Comment comment(int issue, String markdown) {
    return call(
        "commenting on issue #" + issue,
        () -> toComment(repository.getIssue(issue).comment(markdown)));
  }

  @Override
  public void addLabels(int issue, Set<String> labels) {
    call(
        "labelling issue #" + issue,
        () -> repository.getIssue(issue).addLabels(labels.toArray(String[]::new)));
  }

  @Override
  public void removeLabels(int issue, Set<String> labels) {
    call(
        "unlabelling issue #" + issue,
        () -> repository.getIssue(issue).removeLabels(labels.toArray(String[]::new)));
  }

  @Override
  public void close(int issue, String finalComment) {
    call(
        "closing issue #" + issue,
        () -> {
          GHIssue ghIssue = repository.getIssue(issue);
          ghIssue.comment(finalComment);
          ghIssue.close();
          return null;
        });
  }

  @Override
  public List<Comment> comments(int issue, long afterId) {
    return call(
        "reading the comments of issue #" + issue,
        () ->
            repository.getIssue(issue).getComments().stream()
                .filter(comment -> comment.getId() > afterId)
                .sorted(Comparator.comparingLong(GHIssueComment::getId))
                .map(GitHubBoard::toComment)
                .toList());
  }

  private static Issue toIssue(GHIssue issue) {
    return new Issue(
        issue.getNumber(),
        issue.getTitle(),
        issue.getBody() == null ? "" : issue.getBody(),
        issue.getState() == GHIssueState.OPEN,
        issue.getLabels().stream().map(GHLabel::getName).collect(Collectors.toSet()),
        String.valueOf(issue.getHtmlUrl()));
  }

  private static Comment toComment(GHIssueComment comment) {
    return call(
        "reading comment " + comment.getId(),
        () ->
            new Comment(
                comment.getId(),
                comment.getUserName(),
                comment.getCreatedAt().toInstant(),
                comment.getBody()));
  }

  @Override
  public boolean authenticatesAuthors() {
    return true;
  }

  /** The token's own user ({@code GET /user}), asked once. */
  @Override
  public Optional<String> agentLogin() {
    if (login == null) {
      login = call("reading the token's user", () -> github.getMyself().getLogin());
    }
    return Optional.of(login);
  }
}
