package io.srespace.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every IncidentBoard adapter must do; each adapter's test class extends this. */
public abstract class IncidentBoardContract {
  /** The board under test, empty. */
  protected abstract IncidentBoard board();

  /** The user the board under test writes as. */
  protected String author() {
    return "scout";
  }

  @Test
  void opensAnIssueWithTitleBodyLabelsAndTheIncidentsHiddenMarker() {
    Issue issue =
        board()
            .open(
                "INC-1",
                "quote-service errors",
                "Errors **rose**.",
                Set.of("incident", "severity:major"));

    assertThat(issue.number()).isPositive();
    assertThat(issue.title()).isEqualTo("quote-service errors");
    assertThat(issue.open()).isTrue();
    assertThat(issue.labels()).containsExactlyInAnyOrder("incident", "severity:major");
    assertThat(issue.body()).contains("Errors **rose**.").contains(IncidentBoard.marker("INC-1"));
    assertThat(board().issue(issue.number())).contains(issue);
  }

  @Test
  void neverOpensTwoIssuesForOneIncident() {
    Issue first = board().open("INC-2", "first", "body", Set.of());
    Issue again = board().open("INC-2", "second try", "other body", Set.of());

    assertThat(again.number()).isEqualTo(first.number());
    assertThat(board().issues(false)).filteredOn(i -> i.body().contains("INC-2")).hasSize(1);
  }

  @Test
  void findsTheOpenIssueOfAnIncidentAndNothingForAnother() {
    Issue issue = board().open("INC-3", "t", "b", Set.of());

    assertThat(board().findOpen("INC-3")).map(Issue::number).contains(issue.number());
    assertThat(board().findOpen("INC-404")).isEmpty();
  }

  @Test
  void commentsComeBackInOrderWithAuthorAndTimeAndAfterACursor() {
    Instant before = Instant.now().minusSeconds(1);
    int issue = board().open("INC-4", "t", "b", Set.of()).number();

    Comment first = board().comment(issue, "MITIGATION: RESTART policy-service");
    Comment second = board().comment(issue, "Restarted.\n\nTwo lines.");

    List<Comment> all = board().comments(issue, 0);
    assertThat(all)
        .extracting(Comment::body)
        .containsExactly("MITIGATION: RESTART policy-service", "Restarted.\n\nTwo lines.");
    assertThat(all)
        .allSatisfy(
            c -> {
              assertThat(c.author()).isEqualTo(author());
              assertThat(c.createdAt()).isAfter(before);
            });
    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(board().comments(issue, first.id()))
        .extracting(Comment::body)
        .containsExactly("Restarted.\n\nTwo lines.");
    assertThat(board().comments(issue, second.id())).isEmpty();
  }

  @Test
  void labelsAreAddedAndRemoved() {
    int issue = board().open("INC-5", "t", "b", Set.of("incident")).number();

    board().addLabels(issue, Set.of("status: diagnosed", "service: policy-service"));
    board().removeLabels(issue, Set.of("incident"));

    assertThat(board().issue(issue).orElseThrow().labels())
        .containsExactlyInAnyOrder("status: diagnosed", "service: policy-service");
  }

  @Test
  void closingLeavesAFinalCommentAndANewIncidentIssueCanFollow() {
    int issue = board().open("INC-6", "t", "b", Set.of()).number();

    board().close(issue, "Resolved: restart verified.");

    assertThat(board().issue(issue).orElseThrow().open()).isFalse();
    assertThat(board().comments(issue, 0))
        .last()
        .extracting(Comment::body)
        .isEqualTo("Resolved: restart verified.");
    assertThat(board().findOpen("INC-6")).isEmpty();
    assertThat(board().issues(false)).extracting(Issue::number).doesNotContain(issue);
    assertThat(board().issues(true)).extracting(Issue::number).contains(issue);
    assertThat(board().open("INC-6", "again", "b", Set.of()).number()).isNotEqualTo(issue);
  }

  @Test
  void issuesAreListedNewestFirst() {
    int older = board().open("INC-7", "older", "b", Set.of()).number();
    int newer = board().open("INC-8", "newer", "b", Set.of()).number();

    assertThat(board().issues(false)).extracting(Issue::number).containsSubsequence(newer, older);
  }

  @Test
  void anIssueThatDoesNotExistIsNotFound() {
    assertThat(board().issue(9999)).isEmpty();
    assertThatThrownBy(() -> board().comment(9999, "hello"))
        .isInstanceOfSatisfying(
            BoardException.class,
            e -> assertThat(e.reason()).isEqualTo(BoardException.Reason.NOT_FOUND));
  }
}
