package io.srespace.demo.faults;

import io.quarkus.runtime.ShutdownEvent;
import io.srespace.events.Fault;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps allocating heap that is never released, at the intensity in MB per second, until the JVM
 * runs out of memory (services run with -XX:+ExitOnOutOfMemoryError, so the process then dies). It
 * says when that will be: what the heap could still take when the leak began, less what it has
 * retained since, at its pace.
 */
@Singleton
public class MemoryLeakFault implements FaultSwitch {
  private static final int TICKS_PER_SECOND = 10;
  private static final int PAGE = 4096;

  private final List<byte[]> retained = new ArrayList<>();
  private final ScheduledExecutorService leaker =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "memory-leak-fault");
            thread.setDaemon(true);
            return thread;
          });
  private ScheduledFuture<?> leaking;
  private long bytesPerSecond;
  private long retainedBytes;
  private long roomAtStart;

  @Override
  public Fault fault() {
    return Fault.MEMORY_LEAK;
  }

  @Override
  public String symptom() {
    return "heap used grows steadily until the JVM runs out of memory and exits";
  }

  @Override
  public double defaultIntensity() {
    return 0.5;
  }

  @Override
  public String intensityUnit() {
    return "MB per second";
  }

  @Override
  public synchronized void turnOn(double intensity) {
    Intensity.within(intensity, 0.1, 512, intensityUnit());
    stop();
    if (retained.isEmpty()) {
      roomAtStart = heapRoom();
    }
    bytesPerSecond = (long) (intensity * 1024 * 1024);
    int bytesPerTick = (int) (bytesPerSecond / TICKS_PER_SECOND);
    leaking =
        leaker.scheduleAtFixedRate(
            () -> leak(bytesPerTick), 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void turnOff() {
    stop();
    retained.clear();
    retainedBytes = 0;
  }

  @Override
  public synchronized Optional<Instant> downAt() {
    if (leaking == null) {
      return Optional.empty();
    }
    long room = Math.max(0, roomAtStart - retainedBytes);
    return Optional.of(Instant.now().plusMillis(room * 1000 / bytesPerSecond));
  }

  /**
   * What the heap can still take: its limit less what is live, measured after a full collection
   * (forced here, once, when the leak begins). A JVM whose old generation is full goes on serving
   * from its young one until that fills too: quote-service leaking 0.5 MB a second filled its old
   * generation in 145 s and exited at 221 s, answering as fast as ever in between.
   */
  static long heapRoom() {
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getMax() - heap.getUsed();
  }

  void shutdown(@Observes ShutdownEvent event) {
    leaker.shutdownNow();
  }

  private synchronized void leak(int bytes) {
    byte[] chunk = new byte[bytes];
    for (int i = 0; i < chunk.length; i += PAGE) {
      chunk[i] = 1; // touch every page so the memory is really resident
    }
    retained.add(chunk);
    retainedBytes += bytes;
  }

  private void stop() {
    if (leaking != null) {
      leaking.cancel(false);
      leaking = null;
    }
  }
}
