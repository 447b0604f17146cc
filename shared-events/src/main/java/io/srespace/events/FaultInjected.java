package io.srespace.events;

/**
 * A fault switch was turned on in a service; the envelope's {@code occurredAt} is the exact
 * injection time evaluators measure detection from. {@code durationSeconds} is null when the fault
 * stays until cleared.
 */
public record FaultInjected(String service, Fault fault, double intensity, Long durationSeconds)
    implements ChaosEvent {
  public FaultInjected {
    Fields.required(service, "service");
    Fields.required(fault, "fault");
  }
}
