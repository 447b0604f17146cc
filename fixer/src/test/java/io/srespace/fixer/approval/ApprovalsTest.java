package io.srespace.fixer.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.board.Comment;
import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import io.srespace.board.approval.SignedApproval;
import io.srespace.board.local.LocalGitBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may answer a request for approval, and how it is proven, on a local board and on GitHub. */
class ApprovalsTest {
  private static final String ACTION = "act-1234abcd";
  @TempDir Path dir;
  private final KeyPair alice = SignedApproval.newKeys();
  private final KeyPair bob = SignedApproval.newKeys();
  private LocalGitBoard board;
  private Issue issue;
  private Path keys;

  @BeforeEach
  void setUp() throws Exception {
    board = LocalGitBoard.open(dir.resolve("board.git"), "fixer");
    issue = board.open("INC-1", "pool", "body", Set.of());
    keys = Files.createDirectories(dir.resolve("keys"));
    Files.writeString(keys.resolve("alice.pub"), SignedApproval.encode(alice.getPublic()));
    Files.writeString(keys.resolve("bob.pub"), SignedApproval.encode(bob.getPublic()));
  }

  @Test
  void onTheLocalBoardOnlyAnAnswerSignedByAnApproverForThisActionAndIssueCounts() throws Exception {
    Instant now = Instant.now();
    say("/approve " + ACTION); // unsigned
    say(
        SignedApproval.sign(
                true, ACTION, issue.number(), now.plusSeconds(60), "alice", bob.getPrivate())
            .line());
    say(
        SignedApproval.sign(
                true, ACTION, issue.number() + 1, now.plusSeconds(60), "alice", alice.getPrivate())
            .line());
    say(
        SignedApproval.sign(
                true, ACTION, issue.number(), now.minusSeconds(1), "alice", alice.getPrivate())
            .line());
    say(
        SignedApproval.sign(
                true,
                ACTION,
                issue.number(),
                now.plus(Duration.ofHours(2)),
                "alice",
                alice.getPrivate())
            .line());
    say(
        SignedApproval.sign(
                true, "act-other", issue.number(), now.plusSeconds(60), "alice", alice.getPrivate())
            .line());
    say(
        SignedApproval.sign(
                false, ACTION, issue.number(), now.plusSeconds(60), "bob", bob.getPrivate())
            .line());

    Approvals.Decision decision =
        approvals(board, Set.of()).await(issue.number(), ACTION, now.plusSeconds(5));

    assertThat(decision).isEqualTo(new Approvals.Decision(Approvals.Answer.DENIED, "bob"));
    assertThat(replies())
        .anyMatch(r -> r.contains("must be signed with the approver's key"))
        .anyMatch(r -> r.contains("the signature is not alice's"))
        .anyMatch(r -> r.contains("signed for issue #" + (issue.number() + 1)))
        .anyMatch(r -> r.contains("expired at"))
        .anyMatch(r -> r.contains("valid for at most 60 minutes"));
  }

  @Test
  void anApproverListNarrowsWhoseKeysCount() throws Exception {
    Instant now = Instant.now();
    say(
        SignedApproval.sign(
                true, ACTION, issue.number(), now.plusSeconds(60), "bob", bob.getPrivate())
            .line());

    Approvals.Decision decision =
        approvals(board, Set.of("alice")).await(issue.number(), ACTION, now.plusSeconds(1));

    assertThat(decision.answer()).isEqualTo(Approvals.Answer.TIMED_OUT);
    assertThat(replies()).anyMatch(r -> r.contains("bob is not an approver"));
  }

  @Test
  void onABoardThatKnowsItsAuthorsAnAllowedLoginsPlainAnswerCounts() throws Exception {
    IncidentBoard github = new AuthenticatingBoard(board);
    LocalGitBoard.open(dir.resolve("board.git"), "mallory")
        .comment(issue.number(), "/approve " + ACTION);
    LocalGitBoard.open(dir.resolve("board.git"), "alice")
        .comment(issue.number(), "/approve " + ACTION);

    Approvals.Decision decision =
        approvals(github, Set.of("alice"))
            .await(issue.number(), ACTION, Instant.now().plusSeconds(5));

    assertThat(decision).isEqualTo(new Approvals.Decision(Approvals.Answer.APPROVED, "alice"));
    assertThat(replies()).anyMatch(r -> r.contains("mallory may not approve it"));
  }

  @Test
  void theAgentsOwnLoginNeverApprovesEvenWhenListed() throws Exception {
    IncidentBoard github = new AuthenticatingBoard(board);
    LocalGitBoard.open(dir.resolve("board.git"), "fixer")
        .comment(issue.number(), "/approve " + ACTION);

    Approvals.Decision decision =
        approvals(github, Set.of("fixer", "alice"))
            .await(issue.number(), ACTION, Instant.now().plusSeconds(1));

    assertThat(decision.answer()).isEqualTo(Approvals.Answer.TIMED_OUT);
    assertThat(replies()).anyMatch(r -> r.contains("fixer is the agents' own login"));
  }

  private Approvals approvals(IncidentBoard on, Set<String> approvers) {
    return new Approvals(
        on, approvers, Optional.of(keys), Clock.systemUTC(), Duration.ofMillis(50));
  }

  private void say(String text) {
    LocalGitBoard.open(dir.resolve("board.git"), "alice").comment(issue.number(), text);
  }

  private List<String> replies() {
    return board.comments(issue.number(), 0).stream()
        .filter(c -> c.author().equals("fixer"))
        .map(Comment::body)
        .toList();
  }

  /** The same board, as GitHub is: its authors are who they say. */
  private record AuthenticatingBoard(LocalGitBoard board) implements IncidentBoard {
    @Override
    public boolean authenticatesAuthors() {
      return true;
    }

    @Override
    public Optional<String> agentLogin() {
      return Optional.of("fixer");
    }

    @Override
    public Issue open(String incidentId, String title, String markdownBody, Set<String> labels) {
      return board.open(incidentId, title, markdownBody, labels);
    }

    @Override
    public Optional<Issue> findOpen(String incidentId) {
      return board.findOpen(incidentId);
    }

    @Override
    public Optional<Issue> issue(int number) {
      return board.issue(number);
    }

    @Override
    public List<Issue> issues(boolean includeClosed) {
      return board.issues(includeClosed);
    }

    @Override
    public Comment comment(int issue, String markdown) {
      return board.comment(issue, markdown);
    }

    @Override
    public void addLabels(int issue, Set<String> labels) {
      board.addLabels(issue, labels);
    }

    @Override
    public void removeLabels(int issue, Set<String> labels) {
      board.removeLabels(issue, labels);
    }

    @Override
    public void close(int issue, String finalComment) {
      board.close(issue, finalComment);
    }

    @Override
    public List<Comment> comments(int issue, long afterId) {
      return board.comments(issue, afterId);
    }
  }
}
