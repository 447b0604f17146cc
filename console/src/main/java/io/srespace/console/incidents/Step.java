package io.srespace.console.incidents;

import io.srespace.events.EventPayload;
import java.time.Instant;

/** One event on an incident's timeline: when, which stage, who said it, the line and the fact. */
public record Step(
    String eventId, Instant at, Stage stage, String agent, String summary, EventPayload data) {}
