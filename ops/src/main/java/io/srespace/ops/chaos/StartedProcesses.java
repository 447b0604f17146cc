package io.srespace.ops.chaos;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Processes the chaos tool started and leaves running (a surge's generator, a delay proxy). */
final class StartedProcesses {
  private static final long GRACE_SECONDS = 5;

  private StartedProcesses() {}

  /**
   * Ends each (SIGTERM, then SIGKILL after 5 s) and waits for it, so that one ended is no longer
   * found running; {@code what} names them in errors.
   */
  static void end(List<ProcessHandle> processes, String what) throws IOException {
    for (ProcessHandle process : processes) {
      process.destroy();
      try {
        process.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        process.destroyForcibly();
      } catch (ExecutionException e) {
        throw new IOException("waiting for %s %d to end".formatted(what, process.pid()), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while ending %s %d".formatted(what, process.pid()), e);
      }
    }
  }
}
