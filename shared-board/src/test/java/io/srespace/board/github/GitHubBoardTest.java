package io.srespace.board.github;

import io.srespace.board.IncidentBoard;
import io.srespace.board.IncidentBoardContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

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
}
