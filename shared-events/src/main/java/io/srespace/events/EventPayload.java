package io.srespace.events;

/**
 * What an {@link Event} carries: one past-tense fact. The permitted families follow the topics, so
 * every payload type is known at compile time and its JSON {@code type} name is its simple name.
 */
public sealed interface EventPayload
    permits BusinessEvent,
        ChaosEvent,
        DeploymentEvent,
        AnomalyEvent,
        IncidentEvent,
        DiagnosisEvent,
        RemediationEvent,
        PostmortemEvent,
        MemoryEvent {}
