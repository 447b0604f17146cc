package io.srespace.scout.app;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.srespace.board.IncidentBoard;
import io.srespace.events.Anomaly;
import io.srespace.events.Event;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.kafka.Undecoded;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Keeps each incident's issue: opens it (once, whatever redeliveries) with a snapshot of the
 * anomalies just before Scout announces the incident, and comments on the issue the incident's
 * events name as it spreads and when its symptoms clear. Only Scout opens incident issues.
 */
@ApplicationScoped
public class IncidentIssues {
  private static final Logger LOG = Logger.getLogger(IncidentIssues.class);

  /** After the board fails it is left alone this long: the correlator asks on every tick. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final IncidentBoard board;
  private volatile long quietUntilNanos = System.nanoTime();

  public IncidentIssues(IncidentBoard board) {
    this.board = board;
  }

  /** The incident's issue, opened now or found open: empty, and logged, when the board fails. */
  public Optional<Integer> open(String incidentId, IncidentOpened opened) {
    if (System.nanoTime() - quietUntilNanos < 0) {
      return Optional.empty();
    }
    MDC.put("incidentId", incidentId);
    try {
      int issue =
          board
              .open(
                  incidentId,
                  opened.title(),
                  snapshot(incidentId, opened),
                  Set.of(
                      "incident", "severity: " + opened.severity().name().toLowerCase(Locale.ROOT)))
              .number();
      LOG.infof("incident %s opened: issue #%d: %s", incidentId, issue, opened.title());
      return Optional.of(issue);
    } catch (RuntimeException e) {
      quietUntilNanos = System.nanoTime() + RETRY_AFTER.toNanos();
      LOG.errorf(
          "incident %s: its issue cannot be opened (%s); tried again in %d s, and the incident is"
              + " announced once it is",
          incidentId, e.getMessage(), RETRY_AFTER.toSeconds());
      return Optional.empty();
    } finally {
      MDC.remove("incidentId");
    }
  }

  @Incoming("incidents")
  @Blocking
  public void record(Event<IncidentEvent> event, IncomingKafkaRecordMetadata<?, ?> record) {
    if (!Undecoded.isEvent(event, record.getHeaders())) {
      return;
    }
    MDC.put("incidentId", event.incidentId());
    try {
      if (event.data() instanceof IncidentUpdated updated) {
        comment(
            event,
            "Scout: the incident now involves "
                + String.join(", ", updated.services())
                + (updated.newAnomalies().isEmpty()
                    ? "."
                    : ".\n\n" + table(updated.newAnomalies())));
      } else if (event.data() instanceof SymptomsCleared cleared) {
        comment(
            event,
            "Scout: every signal has been normal for %d s (last anomaly at %s)."
                .formatted(cleared.quietSeconds(), cleared.lastAnomalyAt()));
        LOG.infof("incident %s: symptoms cleared", event.incidentId());
      }
    } finally {
      MDC.remove("incidentId");
    }
  }

  private void comment(Event<IncidentEvent> event, String markdown) {
    if (event.issue() == null) {
      LOG.warnf("incident %s: the event names no issue to comment on", event.incidentId());
      return;
    }
    board.comment(event.issue(), markdown);
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
