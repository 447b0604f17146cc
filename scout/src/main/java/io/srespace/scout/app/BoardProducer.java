package io.srespace.scout.app;

import io.srespace.board.Boards;
import io.srespace.board.IncidentBoard;
import io.srespace.board.github.GitHubSettings;
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
    return Boards.incidentBoard(
        GitHubSettings.of(config.githubToken(), config.githubRepository(), config.githubApiUrl()),
        Path.of(config.board()),
        "scout");
  }
}
