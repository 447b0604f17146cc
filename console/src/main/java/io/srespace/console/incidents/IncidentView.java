package io.srespace.console.incidents;

import io.srespace.events.Severity;
import java.time.Instant;
import java.util.List;

/**
 * An incident as the page shows it: what it is, where it stands, its timeline in order, and how
 * long it took to detect (from its first anomaly), diagnose and mitigate (both from detection).
 */
public record IncidentView(
    String incidentId,
    Integer issue,
    String title,
    Severity severity,
    List<String> services,
    State state,
    Instant firstSeen,
    Instant detectedAt,
    Instant diagnosedAt,
    Instant mitigatedAt,
    Double secondsToDetect,
    Double secondsToDiagnose,
    Double secondsToMitigate,
    String pullRequestUrl,
    List<String> traceIds,
    List<Step> steps) {}
