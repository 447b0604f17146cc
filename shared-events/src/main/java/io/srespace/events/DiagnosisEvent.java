package io.srespace.events;

/** Brain's conclusions on {@code brain.diagnoses}. */
public sealed interface DiagnosisEvent extends EventPayload, IncidentScoped permits DiagnosisMade {}
