package io.srespace.demo.faults;

import io.srespace.events.Fault;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;

/** Delays every business request by the intensity in milliseconds, give or take 10 %. */
@Singleton
public class LatencyFault implements RequestFault {
  private volatile double delayMillis;

  @Override
  public Fault fault() {
    return Fault.LATENCY;
  }

  @Override
  public String symptom() {
    return "every request waits before it is handled; callers see the delay in their spans";
  }

  @Override
  public double defaultIntensity() {
    return 800;
  }

  @Override
  public String intensityUnit() {
    return "ms";
  }

  @Override
  public void turnOn(double intensity) {
    delayMillis = Intensity.within(intensity, 1, 60_000, intensityUnit());
  }

  @Override
  public void turnOff() {
    delayMillis = 0;
  }

  @Override
  public void beforeRequest() {
    double delay = delayMillis;
    if (delay > 0) {
      pause(delay);
    }
  }

  /** Holds the request's thread for {@code millis}, give or take 10 %, as a slow path would. */
  public static void pause(double millis) {
    long jittered = Math.round(millis * ThreadLocalRandom.current().nextDouble(0.9, 1.1));
    try {
      Thread.sleep(jittered);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
