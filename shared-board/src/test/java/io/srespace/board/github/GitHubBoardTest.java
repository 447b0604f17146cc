package io.srespace.board.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.board.IncidentBoard;
import io.srespace.board.IncidentBoardContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board contract against the GitHub adapter, with WireMock speaking GitHub's REST API. */
class GitHubBoardTest extends IncidentBoardContract {
  private FakeGitHubServer fake;
  private GitHubBoard board;

  @BeforeEach
  void connect() {
    fake = new FakeGitHubServer();
    board = GitHubBoard.connect(fake.settings());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Override
  protected IncidentBoard board() {
    return board;
  }

  @Override
  protected String author() {
    return FakeGitHub.LOGIN;
  }

  @Test
  void theAgentsLoginIsTheTokensUserTheOneItsCommentsCarry() {
    int issue = board.open("INC-LOGIN", "title", "body", java.util.Set.of()).number();
    board.comment(issue, "a note");

    assertThat(board.agentLogin()).contains(FakeGitHub.LOGIN);
    assertThat(board.comments(issue, 0)).allMatch(c -> c.author().equals(FakeGitHub.LOGIN));
  }
}
