package io.srespace.brain.app;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Writes to the board off the consumer's thread, one write at a time in the order asked: a slow
 * board (GitHub's API, a wait for Scout's issue) never delays the next incident's diagnosis, and an
 * incident's comment still comes before its closing.
 */
@ApplicationScoped
public class BoardWriter {
  private static final Logger LOG = Logger.getLogger(BoardWriter.class);
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "board-writer");
            thread.setDaemon(true);
            return thread;
          });

  public void write(String incidentId, String what, Runnable write) {
    executor.execute(
        () -> {
          MDC.put("incidentId", incidentId);
          try {
            write.run();
          } catch (RuntimeException e) {
            LOG.errorf(
                e, "incident %s: %s failed on the board: %s", incidentId, what, e.getMessage());
          } finally {
            MDC.remove("incidentId");
          }
        });
  }

  @PreDestroy
  void drain() throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      LOG.warn("board writes still pending after 10 s at shutdown were dropped");
      executor.shutdownNow();
    }
  }
}
