package io.srespace.board.github;

import java.time.Duration;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

/**
 * Connects to the configured repository, with rate limits waited out rather than failed and every
 * request bounded by the settings' timeout.
 */
final class GitHubRepository {
  private GitHubRepository() {}

  static GHRepository connect(GitHubSettings settings) {
    return connect(client(settings), settings);
  }

  static GHRepository connect(GitHub github, GitHubSettings settings) {
    return GitHubCalls.call(
        "opening repository " + settings.repository(),
        () -> github.getRepository(settings.repository()));
  }

  /** A client logged in with the settings' token. */
  static GitHub client(GitHubSettings settings) {
    Duration maxWait = Duration.ofSeconds(settings.maxWaitSeconds());
    return GitHubCalls.call(
        "connecting to " + settings.endpoint(),
        () ->
            new GitHubBuilder()
                .withEndpoint(settings.endpoint())
                .withConnector(new TimedConnector(settings.timeout()))
                .withOAuthToken(settings.token())
                .withRateLimitHandler(RateLimitWait.primary(maxWait))
                .withAbuseLimitHandler(RateLimitWait.secondary(maxWait))
                .build());
  }
}
