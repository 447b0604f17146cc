package io.srespace.events;

/** What Memory has learnt, on {@code memory.records}. */
public sealed interface MemoryEvent extends EventPayload, IncidentScoped
    permits PostmortemRemembered {}
