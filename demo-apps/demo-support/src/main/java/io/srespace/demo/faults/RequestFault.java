package io.srespace.demo.faults;

/** A fault that acts on each business request, through the {@link Faulty} interceptor. */
public interface RequestFault extends FaultSwitch {
  /** Called before every business request; does nothing while the fault is off. */
  void beforeRequest();
}
