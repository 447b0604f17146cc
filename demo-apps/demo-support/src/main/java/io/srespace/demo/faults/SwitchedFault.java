package io.srespace.demo.faults;

/** A fault that is simply on or off: its intensity means nothing. */
public abstract class SwitchedFault implements FaultSwitch {
  private volatile boolean on;

  @Override
  public double defaultIntensity() {
    return 1;
  }

  @Override
  public String intensityUnit() {
    return "(unused)";
  }

  @Override
  public void turnOn(double intensity) {
    on = true;
  }

  @Override
  public void turnOff() {
    on = false;
  }

  protected boolean isOn() {
    return on;
  }
}
