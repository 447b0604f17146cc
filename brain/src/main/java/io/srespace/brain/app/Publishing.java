package io.srespace.brain.app;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Brain's events reach the bus, or Brain says they did not: a publish the broker did not take is
 * tried again, 1 s apart and doubling up to 10 s, six times in all (within about 90 s: Fixer
 * refuses a diagnosis older than two minutes anyway). Then the failure goes up to the consumer,
 * which leaves the event unhandled and sends it to its dead-letter topic.
 */
final class Publishing {
  private static final Logger LOG = Logger.getLogger(Publishing.class);
  static final int ATTEMPTS = 6;

  private final Retry retry;

  Publishing(Duration firstPause) {
    retry =
        backoff(
            "publish",
            ATTEMPTS,
            firstPause,
            firstPause.multipliedBy(10),
            IllegalStateException.class);
    retry
        .getEventPublisher()
        .onRetry(
            e ->
                LOG.warnf(
                    "%s; attempt %d of %d, again in %d ms",
                    e.getLastThrowable().getMessage(),
                    e.getNumberOfRetryAttempts(),
                    ATTEMPTS,
                    e.getWaitInterval().toMillis()))
        .onError(
            e ->
                LOG.errorf(
                    "gave up after %d attempts: %s",
                    e.getNumberOfRetryAttempts(), e.getLastThrowable().getMessage()));
  }

  /**
   * Brain's retries: at most {@code attempts} tries of what throws {@code retryOn}, the pause
   * doubling from {@code first} up to {@code longest}.
   */
  static Retry backoff(
      String name,
      int attempts,
      Duration first,
      Duration longest,
      Class<? extends Throwable> retryOn) {
    return Retry.of(
        name,
        RetryConfig.custom()
            .maxAttempts(attempts)
            .intervalFunction(IntervalFunction.ofExponentialBackoff(first, 2, longest))
            .retryExceptions(retryOn)
            .build());
  }

  /** Brain's own: the first pause one second. */
  static Publishing standard() {
    return new Publishing(Duration.ofSeconds(1));
  }

  /** Runs {@code publish} until it returns, or throws its last failure. */
  void run(Runnable publish) {
    Retry.decorateRunnable(retry, publish).run();
  }
}
