package io.srespace.scout.app;

import io.srespace.board.IncidentBoard;
import io.srespace.board.github.GitHubBoard;
import io.srespace.board.github.GitHubSettings;
import io.srespace.board.local.LocalGitBoard;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The incident board: GitHub when a token and repository are configured, else the local git board.
 */
public class BoardProducer {
  @Produces
  @Singleton
  IncidentBoard board(ScoutConfig config) {
    if (config.githubToken().isPresent() && config.githubRepository().isPresent()) {
      return GitHubBoard.connect(
          new GitHubSettings(
              config.githubToken().get(),
              config.githubRepository().get(),
              config.githubApiUrl(),
              300));
    }
    return LocalGitBoard.open(Path.of(config.board()), "scout");
  }
}
