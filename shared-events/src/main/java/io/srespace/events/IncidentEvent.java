package io.srespace.events;

/** An incident's life as Scout sees it, on {@code scout.incidents}. */
public sealed interface IncidentEvent extends EventPayload, IncidentScoped
    permits IncidentOpened, IncidentUpdated, SymptomsCleared {}
