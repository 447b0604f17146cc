package io.srespace.board.github;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs off when GitHub limits the rate (primary limit, or a secondary limit with 403/429): waits
 * as long as Retry-After or X-RateLimit-Reset says, at most {@code maxWait}, then the call is
 * retried. A longer wait fails the call instead of stalling an incident.
 */
final class RateLimitWait {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitWait.class);

  private RateLimitWait() {}

  static GitHubRateLimitHandler primary(Duration maxWait) {
    return new GitHubRateLimitHandler() {
      @Override
      public void onError(GitHubConnectorResponse response) throws IOException {
        waitFor(response, maxWait);
      }
    };
  }

  static GitHubAbuseLimitHandler secondary(Duration maxWait) {
    return new GitHubAbuseLimitHandler() {
      @Override
      public void onError(GitHubConnectorResponse response) throws IOException {
        waitFor(response, maxWait);
      }
    };
  }

  static Duration waitOf(GitHubConnectorResponse response, Instant now) {
    String retryAfter = response.header("Retry-After");
    if (retryAfter != null && retryAfter.strip().matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
    }
    String reset = response.header("X-RateLimit-Reset");
    if (reset != null && reset.strip().matches("\\d+")) {
      Duration untilReset =
          Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.strip())));
      return untilReset.isNegative() ? Duration.ZERO : untilReset.plusSeconds(1);
    }
    return Duration.ofSeconds(60);
  }

  private static void waitFor(GitHubConnectorResponse response, Duration maxWait)
      throws IOException {
    Duration wait = waitOf(response, Instant.now());
    if (wait.compareTo(maxWait) > 0) {
      throw new IOException(
          "GitHub rate limit: asked to wait %d s, more than the %d s allowed"
              .formatted(wait.toSeconds(), maxWait.toSeconds()));
    }
    LOG.warn(
        "GitHub rate limit (HTTP {}): waiting {} s before retrying",
        response.statusCode(),
        wait.toSeconds());
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting out GitHub's rate limit", e);
    }
  }
}
