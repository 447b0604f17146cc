package io.srespace.board.github;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach GitHub: a token, an {@code owner/name} repository, the API endpoint (GitHub
 * Enterprise has its own), how long a rate limit is waited out, and how long one request may take
 * (connecting, then each read) before it fails. The token is never logged or shown.
 */
public record GitHubSettings(
    String token, String repository, String endpoint, long maxWaitSeconds, Duration timeout) {
  public static final String DEFAULT_ENDPOINT = "https://api.github.com";

  /** How long one request may take by default: an agent never waits on GitHub for ever. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public GitHubSettings(String token, String repository, String endpoint, long maxWaitSeconds) {
    this(token, repository, endpoint, maxWaitSeconds, DEFAULT_TIMEOUT);
  }

  public GitHubSettings {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a GitHub token is needed (GITHUB_TOKEN)");
    }
    if (repository == null || !repository.matches("[\\w.-]+/[\\w.-]+")) {
      throw new IllegalArgumentException("GITHUB_REPOSITORY must be owner/name, was " + repository);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "a GitHub request needs a positive timeout, was " + timeout);
    }
  }

  /** GitHub settings from GITHUB_TOKEN, GITHUB_REPOSITORY and GITHUB_API_URL, when both are set. */
  public static Optional<GitHubSettings> fromEnvironment(Map<String, String> environment) {
    String token = environment.get("GITHUB_TOKEN");
    String repository = environment.get("GITHUB_REPOSITORY");
    if (token == null || token.isBlank() || repository == null || repository.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new GitHubSettings(
            token, repository, environment.getOrDefault("GITHUB_API_URL", DEFAULT_ENDPOINT), 300));
  }

  /** GitHub settings when both a token and a repository are configured. */
  public static Optional<GitHubSettings> of(
      Optional<String> token, Optional<String> repository, String endpoint) {
    if (token.isEmpty() || repository.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new GitHubSettings(token.get(), repository.get(), endpoint, 300));
  }

  @Override
  public String toString() {
    return "GitHubSettings[repository=%s, endpoint=%s, token=***]".formatted(repository, endpoint);
  }
}
