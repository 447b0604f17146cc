package io.srespace.scout.app;

import io.smallrye.common.annotation.Blocking;
import io.srespace.board.IncidentBoard;
import io.srespace.events.Anomaly;
import io.srespace.events.Event;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.SymptomsCleared;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Keeps each incident's issue: opened (once, whatever redeliveries) with a snapshot of the
 * anomalies when Scout opens the incident, commented as it spreads and when its symptoms clear.
 */
@ApplicationScoped
public class IncidentIssues {
  private static final Logger LOG = Logger.getLogger(IncidentIssues.class);
  private final IncidentBoard board;

  public IncidentIssues(IncidentBoard board) {
    this.board = board;
  }

  @Incoming("incidents")
  @Blocking
  public void record(Event<IncidentEvent> event) {
    if (event == null) {
      // The record could not be decoded (the deserializer logged why): to the dead-letter topic.
      throw new IllegalArgumentException("an undecodable record");
    }
    MDC.put("incidentId", event.incidentId());
    try {
      if (event.data() instanceof IncidentOpened opened) {
        int issue =
            board
                .open(
                    event.incidentId(),
                    opened.title(),
                    snapshot(event.incidentId(), opened),
                    Set.of(
                        "incident",
                        "severity: " + opened.severity().name().toLowerCase(Locale.ROOT)))
                .number();
        LOG.infof("incident %s opened: issue #%d: %s", event.incidentId(), issue, opened.title());
      } else if (event.data() instanceof IncidentUpdated updated) {
        commentOnOpenIssue(
            event.incidentId(),
            "Scout: the incident now involves "
                + String.join(", ", updated.services())
                + (updated.newAnomalies().isEmpty()
                    ? "."
                    : ".\n\n" + table(updated.newAnomalies())));
      } else if (event.data() instanceof SymptomsCleared cleared) {
        commentOnOpenIssue(
            event.incidentId(),
            "Scout: every signal has been normal for %d s (last anomaly at %s)."
                .formatted(cleared.quietSeconds(), cleared.lastAnomalyAt()));
        LOG.infof("incident %s: symptoms cleared", event.incidentId());
      }
    } finally {
      MDC.remove("incidentId");
    }
  }

  private void commentOnOpenIssue(String incidentId, String markdown) {
    board
        .findOpen(incidentId)
        .ifPresentOrElse(
            issue -> board.comment(issue.number(), markdown),
            () -> LOG.warnf("incident %s has no open issue to comment on", incidentId));
  }

  static String snapshot(String incidentId, IncidentOpened opened) {
    return """
        Scout opened **%s** (%s) at %s.

        Services involved: %s

        %s
        """
        .formatted(
            incidentId,
            opened.severity().name().toLowerCase(Locale.ROOT),
            opened.firstSeen(),
            String.join(", ", opened.services()),
            table(opened.anomalies()));
  }

  private static String table(List<Anomaly> anomalies) {
    return "| signal | where | observed | normal | window | traces |\n| --- | --- | --- | --- | --- | --- |\n"
        + anomalies.stream()
            .map(
                a ->
                    "| %s | %s | %.3g %s | %.3g | %s – %s | %s |"
                        .formatted(
                            a.signal().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            a.peer() == null ? a.service() : a.service() + " → " + a.peer(),
                            a.observed(),
                            a.unit(),
                            a.baseline(),
                            a.window().start(),
                            a.window().end(),
                            String.join(" ", a.sampleTraceIds())))
            .collect(Collectors.joining("\n"));
  }
}
