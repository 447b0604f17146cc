package io.srespace.events;

/** Marks payloads that only make sense inside an incident, so their envelope must name it. */
public interface IncidentScoped {}
