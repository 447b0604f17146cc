package io.srespace.events;

/** A fault switch was turned off, by hand, by its duration running out, or by a restart. */
public record FaultCleared(String service, Fault fault, String reason) implements ChaosEvent {
  public FaultCleared {
    Fields.required(service, "service");
    Fields.required(fault, "fault");
  }
}
