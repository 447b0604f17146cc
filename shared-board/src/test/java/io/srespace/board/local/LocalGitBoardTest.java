package io.srespace.board.local;

import io.srespace.board.IncidentBoard;
import io.srespace.board.IncidentBoardContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class LocalGitBoardTest extends IncidentBoardContract {
  @TempDir Path directory;
  private LocalGitBoard board;

  @BeforeEach
  void openBoard() {
    board = LocalGitBoard.open(directory.resolve("board.git"), "scout");
  }

  @AfterEach
  void closeBoard() {
    board.close();
  }

  @Override
  protected IncidentBoard board() {
    return board;
  }
}
