package io.srespace.board;

import io.smallrye.config.WithDefault;
import io.srespace.board.github.GitHubSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an agent keeps incidents and pull requests: the settings every agent maps under its own
 * prefix ({@code scout.board.*}, {@code brain.board.*}, {@code fixer.board.*}), one shape for all.
 */
public interface BoardSettings {
  /** The local board's git repository, used when no GitHub repository is configured. */
  @WithDefault(".sre-space/board.git")
  String local();

  /** A GitHub token; with {@link #githubRepository()} the board is that repository's issues. */
  Optional<String> githubToken();

  /** The GitHub repository, {@code owner/name}. */
  Optional<String> githubRepository();

  @WithDefault("https://api.github.com")
  String githubApiUrl();

  /** GitHub when both a token and a repository are set. */
  default Optional<GitHubSettings> github() {
    return GitHubSettings.of(githubToken(), githubRepository(), githubApiUrl());
  }

  /** The incident board these settings name, written as {@code author}. */
  default IncidentBoard incidentBoard(String author) {
    return Boards.incidentBoard(github(), Path.of(local()), author);
  }
}
