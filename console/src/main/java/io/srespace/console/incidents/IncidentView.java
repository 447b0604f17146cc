package io.srespace.console.incidents;

import io.srespace.events.Severity;
import java.time.Instant;
import java.util.List;

/**
 * An incident as the page shows it: what it is, where it stands, its timeline in order, and how
 * long it took to detect (from its first anomaly), diagnose and mitigate (both from detection); the
 * post-mortem rendered from its Markdown (no HTML of the text's own survives).
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
    String postmortemHtml,
    List<String> traceIds,
    List<Step> steps) {}
