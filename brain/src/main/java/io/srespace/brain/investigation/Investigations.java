package io.srespace.brain.investigation;

import io.srespace.brain.support.Bounded;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs investigations in the background, two at a time with a bounded queue, and keeps the newest
 * results for the API to return.
 */
public final class Investigations implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Investigations.class);
  private static final int KEPT = 500;

  private final Investigator investigator;
  private final Clock clock;
  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(50));
  private final Map<String, Investigation> results = Bounded.map(KEPT);

  public Investigations(Investigator investigator, Clock clock) {
    this.investigator = investigator;
    this.clock = clock;
  }

  /**
   * Starts an investigation and returns it as running.
   *
   * @throws RejectedExecutionException when too many are waiting
   */
  public Investigation submit(String description) {
    Investigation running =
        Investigation.running("inv-" + UUID.randomUUID(), description, clock.instant());
    results.put(running.id(), running);
    try {
      executor.execute(() -> run(running));
    } catch (RejectedExecutionException e) {
      results.remove(running.id());
      throw e;
    }
    return running;
  }

  public Optional<Investigation> get(String id) {
    return Optional.ofNullable(results.get(id));
  }

  private void run(Investigation question) {
    try {
      results.put(question.id(), investigator.investigate(question));
      LOG.infof("investigation %s done", question.id());
    } catch (RuntimeException e) {
      LOG.errorf(e, "investigation %s failed: %s", question.id(), e.getMessage());
      results.put(question.id(), question.failed(e.getMessage(), clock.instant()));
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
