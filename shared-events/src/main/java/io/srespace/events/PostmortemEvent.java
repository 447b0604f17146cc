package io.srespace.events;

/** Verified incidents written up by Brain on {@code brain.postmortems}. */
public sealed interface PostmortemEvent extends EventPayload, IncidentScoped
    permits PostmortemWritten {}
