package io.srespace.demo.faults;

import io.quarkus.runtime.ShutdownEvent;
import io.srespace.events.Fault;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps allocating heap that is never released, at the intensity in MB per second, until the JVM
 * runs out of memory (services run with -XX:+ExitOnOutOfMemoryError, so the process then dies).
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
    int bytesPerTick = (int) (intensity * 1024 * 1024 / TICKS_PER_SECOND);
    leaking =
        leaker.scheduleAtFixedRate(
            () -> leak(bytesPerTick), 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void turnOff() {
    stop();
    retained.clear();
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
  }

  private void stop() {
    if (leaking != null) {
      leaking.cancel(false);
      leaking = null;
    }
  }
}
