package io.srespace.events;

/** Ground truth on {@code chaos.faults}: read by evaluators only, never by the agents. */
public sealed interface ChaosEvent extends EventPayload permits FaultInjected, FaultCleared {}
