package io.srespace.demo.faults;

import io.srespace.events.Fault;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;

/** Makes the given fraction of business requests throw, which the server answers with a 500. */
@Singleton
public class ErrorRateFault implements RequestFault {
  private volatile double failingFraction;

  @Override
  public Fault fault() {
    return Fault.ERROR_RATE;
  }

  @Override
  public String symptom() {
    return "a fraction of requests throw and are answered with HTTP 500";
  }

  @Override
  public double defaultIntensity() {
    return 0.5;
  }

  @Override
  public String intensityUnit() {
    return "fraction of requests";
  }

  @Override
  public void turnOn(double intensity) {
    failingFraction = Intensity.within(intensity, 0.01, 1, intensityUnit());
  }

  @Override
  public void turnOff() {
    failingFraction = 0;
  }

  @Override
  public void beforeRequest() {
    double fraction = failingFraction;
    if (fraction > 0 && ThreadLocalRandom.current().nextDouble() < fraction) {
      throw new InjectedFailure("injected failure (error-rate fault at " + fraction + ")");
    }
  }
}
