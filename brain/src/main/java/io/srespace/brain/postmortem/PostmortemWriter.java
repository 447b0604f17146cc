package io.srespace.brain.postmortem;

import io.srespace.brain.diagnosis.Diagnoser;
import io.srespace.brain.diagnosis.IncidentFacts;
import io.srespace.brain.diagnosis.PlanChooser;
import io.srespace.brain.diagnosis.Signature;
import io.srespace.events.Anomaly;
import io.srespace.events.ApprovalRequested;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentTimeline;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationRolledBack;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Suspect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the post-mortem of a verified incident from its record: timeline, impact, root cause,
 * evidence, action, verification, the times to detect, diagnose and mitigate, and follow-ups.
 */
public final class PostmortemWriter {
  private PostmortemWriter() {}

  public static PostmortemWritten write(
      IncidentRecord record, RemediationVerified verified, Instant verifiedAt, Instant now) {
    IncidentFacts facts = record.facts();
    Diagnoser.Result actedOn = record.actedOn();
    DiagnosisMade diagnosis = actedOn.diagnosis();
    Suspect top = diagnosis.suspects().isEmpty() ? null : diagnosis.suspects().get(0);
    String service =
        diagnosis.plan().service() != null ? diagnosis.plan().service() : top.service();
    FaultClass faultClass = diagnosis.faultClass();
    Instant mitigatedAt = applied(record).map(Event::occurredAt).orElse(verified.recoveredAt());
    IncidentTimeline timeline =
        new IncidentTimeline(
            facts.openedAt(), record.diagnosedAt(), mitigatedAt, verified.recoveredAt());
    String rootCause = "%s on %s".formatted(faultClass.id(), service);
    String title = "%s: %s".formatted(rootCause, facts.title());
    String issue = record.issue() == null ? null : "#" + record.issue();

    StringBuilder md = new StringBuilder();
    md.append("# Post-mortem: ").append(title).append("\n\n");
    md.append(
        "Incident %s%s, %s. Resolved by %s; recovery verified.\n\n"
            .formatted(
                facts.incidentId(),
                issue == null ? "" : " (issue " + issue + ")",
                facts.severity().name().toLowerCase(Locale.ROOT),
                PlanChooser.directive(diagnosis.plan())
                    .replace("MITIGATION: ", "")
                    .toLowerCase(Locale.ROOT)));
    md.append("## Timeline\n\n| time | what |\n| --- | --- |\n");
    row(md, facts.firstSeen(), "first anomalous window began");
    row(md, facts.openedAt(), "Scout opened the incident: " + facts.title());
    row(
        md,
        record.diagnosedAt(),
        "Brain diagnosed " + rootCause + " — " + PlanChooser.directive(diagnosis.plan()));
    for (Event<RemediationEvent> action : record.actions()) {
      row(md, action.occurredAt(), "Fixer: " + describe(action.data()));
    }
    row(md, verified.recoveredAt(), "recovered");
    row(md, record.symptomsClearedAt(), "Scout: every signal normal again");
    row(md, verifiedAt, "Fixer verified the recovery: " + verified.evidence());
    row(md, now, "post-mortem written, issue closed");

    md.append("\n## Impact\n\n");
    md.append("Services involved: ").append(String.join(", ", facts.services())).append(". ");
    md.append(
        "From the first anomaly to recovery: %s.\n\n"
            .formatted(seconds(facts.firstSeen(), verified.recoveredAt())));
    for (Anomaly a : facts.anomalies().stream().limit(8).toList()) {
      md.append("- ").append(io.srespace.brain.diagnosis.AnomalyEvidence.describe(a)).append('\n');
    }
    md.append("\n## Root cause\n\n").append(diagnosis.summary()).append(".\n");
    md.append("\n## Evidence\n\n");
    if (top != null) {
      top.evidence().forEach(e -> md.append("- ").append(e).append('\n'));
      if (!top.traceIds().isEmpty()) {
        md.append("- traces: ").append(String.join(", ", top.traceIds())).append('\n');
      }
    }
    md.append("- confidence: ").append(actedOn.confidence()).append('\n');
    md.append("\n## Action\n\n")
        .append(PlanChooser.directive(diagnosis.plan()))
        .append(" — ")
        .append(diagnosis.plan().reason())
        .append(".\n");
    md.append("\n## Verification\n\n").append(verified.evidence()).append(".\n");
    md.append("\n## Times\n\n");
    md.append("- time to detect: ")
        .append(seconds(facts.firstSeen(), facts.openedAt()))
        .append('\n');
    md.append("- time to diagnose: ")
        .append(seconds(facts.openedAt(), record.diagnosedAt()))
        .append('\n');
    md.append("- time to mitigate: ")
        .append(seconds(facts.openedAt(), verified.recoveredAt()))
        .append('\n');
    md.append("\n## Follow-ups\n\n");
    followUps(faultClass, service, record).forEach(f -> md.append("- ").append(f).append('\n'));

    return new PostmortemWritten(
        title,
        md.toString(),
        service,
        faultClass,
        diagnosis.plan().action(),
        "verified",
        rootCause,
        timeline,
        Signature.of(facts.anomalies()),
        diagnosis.plan().change(),
        issue);
  }

  private static Optional<Event<RemediationEvent>> applied(IncidentRecord record) {
    return record.actions().stream()
        .filter(e -> e.data() instanceof RemediationApplied)
        .findFirst();
  }

  private static List<String> followUps(
      FaultClass faultClass, String service, IncidentRecord record) {
    List<String> followUps = new ArrayList<>();
    switch (faultClass) {
      case UNAVAILABLE -> followUps.add("find out from its last logs why " + service + " stopped");
      case MEMORY ->
          followUps.add(
              "take a heap dump of " + service + " before the next restart and find the leak");
      case RESOURCE_EXHAUSTION ->
          followUps.add(
              "size " + service + "'s pool against its peak load and alert on waiting requests");
      case WRONG_RESULT ->
          followUps.add(
              "review how "
                  + service
                  + "'s business configuration changed; validate it before deploying");
      case LATENCY, CPU ->
          followUps.add(
              "read the slow traces above and find where " + service + " spends its time");
      case ERRORS ->
          followUps.add(
              "read the failing traces above and fix the cause of " + service + "'s errors");
      case CAPACITY ->
          followUps.add(
              "size "
                  + service
                  + " for the load it saw (instances, pools) or shed load at the entry");
      case STORAGE ->
          followUps.add(
              "find what filled "
                  + service
                  + "'s data filesystem; bound it (rotation, retention) and alert on free space");
    }
    record
        .actedOn()
        .reusedFrom()
        .ifPresent(
            past ->
                followUps.add(
                    "this fault recurred (first %s): fix its cause, not only its symptom"
                        .formatted(past.incidentId())));
    return followUps;
  }

  private static String describe(RemediationEvent event) {
    if (event instanceof RemediationRequested r) {
      return "requested " + PlanChooser.directive(r.plan());
    } else if (event instanceof ApprovalRequested a) {
      return "asked for approval of " + PlanChooser.directive(a.plan());
    } else if (event instanceof RemediationApplied a) {
      return "applied %s on %s%s"
          .formatted(
              a.action().name().toLowerCase(Locale.ROOT),
              a.service(),
              a.pullRequestUrl() == null ? "" : " (" + a.pullRequestUrl() + ")");
    } else if (event instanceof RemediationVerified v) {
      return "verified: " + v.evidence();
    } else if (event instanceof RemediationFailed f) {
      return "failed: " + f.reason();
    } else if (event instanceof RemediationRolledBack r) {
      return "rolled back: " + r.reason();
    }
    return event.getClass().getSimpleName();
  }

  private static void row(StringBuilder md, Instant at, String what) {
    if (at != null) {
      md.append("| ").append(at).append(" | ").append(what.replace("|", "\\|")).append(" |\n");
    }
  }

  private static String seconds(Instant from, Instant to) {
    if (from == null || to == null) {
      return "unknown";
    }
    return "%.1f s".formatted(Duration.between(from, to).toMillis() / 1000.0);
  }
}
