package io.srespace.console.feed;

import io.srespace.events.Anomaly;
import io.srespace.events.AnomalyDetected;
import io.srespace.events.ApprovalRequested;
import io.srespace.events.ConfigChange;
import io.srespace.events.DeploymentChanged;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.PostmortemRemembered;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationPlan;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationRolledBack;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Suspect;
import io.srespace.events.SymptomsCleared;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one line a person reads for each kind of event, in the feed and on a timeline. */
public final class Summaries {
  private Summaries() {}

  public static FeedItem item(Event<?> event) {
    return new FeedItem(
        event.eventId(),
        event.occurredAt(),
        event.source(),
        event.type(),
        event.incidentId(),
        event.issue(),
        of(event.data()));
  }

  /** What the event says, in one line of at most a few hundred characters. */
  public static String of(EventPayload data) {
    String line = describe(data);
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }

  private static String describe(EventPayload data) {
    if (data instanceof AnomalyDetected detected) {
      return "anomaly: " + anomaly(detected.anomaly());
    }
    if (data instanceof IncidentOpened opened) {
      return "incident opened (%s): %s"
          .formatted(opened.severity().name().toLowerCase(Locale.ROOT), opened.title());
    }
    if (data instanceof IncidentUpdated updated) {
      return "incident grew: "
          + updated.newAnomalies().stream()
              .map(Summaries::anomaly)
              .collect(Collectors.joining("; "));
    }
    if (data instanceof SymptomsCleared cleared) {
      return "symptoms cleared after %d s quiet".formatted(cleared.quietSeconds());
    }
    if (data instanceof DiagnosisMade diagnosis) {
      return "diagnosed %s (confidence %.2f) → %s"
          .formatted(leader(diagnosis), diagnosis.confidence(), plan(diagnosis.plan()));
    }
    if (data instanceof ApprovalRequested approval) {
      return "approval needed from %s for %s"
          .formatted(String.join(", ", approval.approvers()), plan(approval.plan()));
    }
    if (data instanceof RemediationRequested requested) {
      return "action requested: " + plan(requested.plan());
    }
    if (data instanceof RemediationApplied applied) {
      return "applied %s on %s%s"
          .formatted(
              applied.action().id(),
              applied.service(),
              applied.pullRequestUrl() == null ? "" : " (" + applied.pullRequestUrl() + ")");
    }
    if (data instanceof RemediationFailed failed) {
      return "action failed%s: %s"
          .formatted(failed.escalated() ? ", escalated" : "", failed.reason());
    }
    if (data instanceof RemediationVerified verified) {
      return "recovery verified: " + verified.evidence();
    }
    if (data instanceof RemediationRolledBack rolledBack) {
      return "rolled back: " + rolledBack.reason();
    }
    if (data instanceof PostmortemWritten postmortem) {
      return "post-mortem written: " + postmortem.title();
    }
    if (data instanceof PostmortemRemembered remembered) {
      return "remembered: %s%s"
          .formatted(
              remembered.title(),
              remembered.faultClass() == null
                  ? ""
                  : " (%s on %s)".formatted(remembered.faultClass().id(), remembered.service()));
    }
    if (data instanceof DeploymentChanged deployment) {
      return "deployed %s at %s by %s: %s"
          .formatted(
              deployment.service(),
              deployment.commit().substring(0, Math.min(12, deployment.commit().length())),
              deployment.by(),
              deployment.changes().stream()
                  .map(Summaries::change)
                  .collect(Collectors.joining(", ")));
    }
    return data.getClass().getSimpleName();
  }

  private static String anomaly(Anomaly anomaly) {
    return "%s on %s%s: %s %s (normal %s)"
        .formatted(
            anomaly.signal().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            anomaly.service(),
            anomaly.peer() == null ? "" : " → " + anomaly.peer(),
            number(anomaly.observed()),
            anomaly.unit() == null ? "" : anomaly.unit(),
            number(anomaly.baseline()));
  }

  private static String leader(DiagnosisMade diagnosis) {
    if (diagnosis.suspects().isEmpty()) {
      return "no suspect";
    }
    Suspect first = diagnosis.suspects().get(0);
    return first.service() + (first.faultClass() == null ? "" : " / " + first.faultClass().id());
  }

  private static String plan(RemediationPlan plan) {
    String target = plan.service() == null ? "" : " " + plan.service();
    String change = plan.change() == null ? "" : " " + change(plan.change());
    return plan.action().id() + target + change;
  }

  private static String change(ConfigChange change) {
    return "%s %s→%s".formatted(change.key(), change.from(), change.to());
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e9
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.3g", value);
  }
}
