package io.srespace.events;

/** Scout's single-signal findings on {@code scout.anomalies}. */
public sealed interface AnomalyEvent extends EventPayload permits AnomalyDetected {}
