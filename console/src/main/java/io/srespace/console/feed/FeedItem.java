package io.srespace.console.feed;

import java.time.Instant;

/**
 * One event of one agent as the page shows it in the live feed: who said what and when, about which
 * incident, in one line.
 */
public record FeedItem(
    String eventId,
    Instant at,
    String agent,
    String type,
    String incidentId,
    Integer issue,
    String summary) {}
