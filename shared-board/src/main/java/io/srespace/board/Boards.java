package io.srespace.board;

import io.srespace.board.github.GitHubBoard;
import io.srespace.board.github.GitHubCodeHost;
import io.srespace.board.github.GitHubSettings;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.board.local.LocalGitCodeHost;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one rule every agent follows to pick its board and code host: GitHub when its settings are
 * given, else the local git repository at {@code local}, written as {@code author}.
 */
public final class Boards {
  private Boards() {}

  public static IncidentBoard incidentBoard(
      Optional<GitHubSettings> github, Path local, String author) {
    return github
        .<IncidentBoard>map(GitHubBoard::connect)
        .orElseGet(() -> LocalGitBoard.open(local, author));
  }

  public static CodeHost codeHost(Optional<GitHubSettings> github, Path local, String author) {
    return github
        .<CodeHost>map(GitHubCodeHost::connect)
        .orElseGet(() -> LocalGitCodeHost.open(local, author));
  }
}
