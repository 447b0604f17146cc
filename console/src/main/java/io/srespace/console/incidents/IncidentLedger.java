package io.srespace.console.incidents;

import io.srespace.console.ConsoleConfig;
import io.srespace.console.feed.Summaries;
import io.srespace.events.Anomaly;
import io.srespace.events.ApprovalRequested;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.PostmortemRemembered;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationFailed;
import io.srespace.events.RemediationRequested;
import io.srespace.events.RemediationRolledBack;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Severity;
import io.srespace.events.SymptomsCleared;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every incident the agents speak of, built from their events alone, in whatever order the topics
 * deliver them: an event of an incident not yet opened here starts its record, the opening fills it
 * in. Each event counts once (by its id); the oldest incidents go beyond the configured number.
 */
@ApplicationScoped
public class IncidentLedger {
  /** The stage each incident event marks (events are records: their class is exact). */
  private static final Map<Class<?>, Stage> STAGES =
      Map.ofEntries(
          Map.entry(IncidentOpened.class, Stage.DETECTED),
          Map.entry(IncidentUpdated.class, Stage.GREW),
          Map.entry(DiagnosisMade.class, Stage.DIAGNOSED),
          Map.entry(ApprovalRequested.class, Stage.APPROVAL_PENDING),
          Map.entry(RemediationRequested.class, Stage.ACTION_REQUESTED),
          Map.entry(RemediationApplied.class, Stage.ACTION_APPLIED),
          Map.entry(RemediationFailed.class, Stage.ACTION_FAILED),
          Map.entry(RemediationRolledBack.class, Stage.ROLLED_BACK),
          Map.entry(RemediationVerified.class, Stage.VERIFIED),
          Map.entry(SymptomsCleared.class, Stage.SYMPTOMS_CLEARED),
          Map.entry(PostmortemWritten.class, Stage.POSTMORTEM),
          Map.entry(PostmortemRemembered.class, Stage.REMEMBERED));

  /**
   * The most steps one incident keeps: its events beyond are not shown (a real incident has tens; a
   * flood of forged ones for one id must not take the console's memory).
   */
  static final int MOST_STEPS = 500;

  private final Map<String, Incident> incidents = new LinkedHashMap<>();
  private final int keep;

  public IncidentLedger(ConsoleConfig config) {
    this.keep = config.incidentsKept();
  }

  /** Records an incident's event; false when it is no incident's or was recorded before. */
  public synchronized boolean record(Event<?> event) {
    Optional<Stage> stage = stageOf(event.data());
    if (event.incidentId() == null || stage.isEmpty()) {
      return false;
    }
    Incident incident = incidents.computeIfAbsent(event.incidentId(), Incident::new);
    boolean added = incident.add(event, stage.get());
    while (incidents.size() > keep) {
      Iterator<String> oldest = incidents.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return added;
  }

  /** Every incident kept, the newest detection first. */
  public synchronized List<IncidentView> all() {
    return incidents.values().stream()
        .map(Incident::view)
        .sorted(Comparator.comparing(IncidentView::detectedAt, Comparator.reverseOrder()))
        .toList();
  }

  public synchronized Optional<IncidentView> find(String incidentId) {
    return Optional.ofNullable(incidents.get(incidentId)).map(Incident::view);
  }

  /**
   * What an incident waits for a person's answer on, with the issue the answer goes to: its last
   * request for approval, while nothing has happened since.
   */
  public synchronized Optional<Awaiting> awaiting(String incidentId) {
    return Optional.ofNullable(incidents.get(incidentId)).flatMap(Incident::awaiting);
  }

  /** A request for approval still unanswered, and the incident's issue. */
  public record Awaiting(ApprovalRequested request, Integer issue) {}

  static Optional<Stage> stageOf(EventPayload data) {
    return Optional.ofNullable(STAGES.get(data.getClass()));
  }

  /** One incident's record as its events arrive. */
  private static final class Incident {
    private final String incidentId;
    private final Set<String> eventIds = new HashSet<>();
    private final List<Step> steps = new ArrayList<>();
    private final Set<String> services = new LinkedHashSet<>();
    private final Set<String> traceIds = new LinkedHashSet<>();
    private Integer issue;
    private String title;
    private Severity severity;
    private Instant firstSeen;
    private String pullRequestUrl;
    private String postmortemHtml;

    Incident(String incidentId) {
      this.incidentId = incidentId;
    }

    boolean add(Event<?> event, Stage stage) {
      if (steps.size() >= MOST_STEPS || !eventIds.add(event.eventId())) {
        return false;
      }
      if (event.issue() != null) {
        issue = event.issue();
      }
      learn(event.data());
      steps.add(
          new Step(
              event.eventId(),
              event.occurredAt(),
              stage,
              event.source(),
              Summaries.of(event.data()),
              event.data()));
      steps.sort(Comparator.comparing(Step::at));
      return true;
    }

    private void learn(EventPayload data) {
      if (data instanceof IncidentOpened opened) {
        title = opened.title();
        severity = opened.severity();
        firstSeen = opened.firstSeen();
        services.addAll(opened.services());
        opened.anomalies().forEach(this::traces);
      } else if (data instanceof IncidentUpdated updated) {
        severity = updated.severity();
        services.addAll(updated.services());
        updated.newAnomalies().forEach(this::traces);
      } else if (data instanceof DiagnosisMade diagnosis) {
        diagnosis.suspects().forEach(suspect -> traceIds.addAll(suspect.traceIds()));
      } else if (data instanceof RemediationApplied applied && applied.pullRequestUrl() != null) {
        pullRequestUrl = applied.pullRequestUrl();
      } else if (data instanceof PostmortemWritten postmortem) {
        postmortemHtml = Markdown.html(postmortem.markdown());
      }
    }

    private void traces(Anomaly anomaly) {
      traceIds.addAll(anomaly.sampleTraceIds());
    }

    IncidentView view() {
      Instant detected = first(Stage.DETECTED).orElse(steps.get(0).at());
      Optional<Instant> diagnosed = first(Stage.DIAGNOSED);
      Optional<Instant> mitigated = first(Stage.VERIFIED);
      return new IncidentView(
          incidentId,
          issue,
          title == null ? incidentId : title,
          severity,
          List.copyOf(services),
          state(),
          firstSeen,
          detected,
          diagnosed.orElse(null),
          mitigated.orElse(null),
          firstSeen == null ? null : seconds(firstSeen, detected),
          diagnosed.map(at -> seconds(detected, at)).orElse(null),
          mitigated.map(at -> seconds(detected, at)).orElse(null),
          pullRequestUrl,
          postmortemHtml,
          List.copyOf(traceIds),
          List.copyOf(steps));
    }

    Optional<Awaiting> awaiting() {
      if (state() != State.AWAITING_APPROVAL) {
        return Optional.empty();
      }
      for (int i = steps.size() - 1; i >= 0; i--) {
        if (steps.get(i).data() instanceof ApprovalRequested request) {
          return Optional.of(new Awaiting(request, issue));
        }
      }
      return Optional.empty();
    }

    private State state() {
      if (reached(Stage.VERIFIED)) {
        return State.RESOLVED;
      }
      if (escalated()) {
        return State.ESCALATED;
      }
      if (reached(Stage.ACTION_APPLIED)) {
        return State.VERIFYING;
      }
      // Fixer says what it will do, then (for a high-risk action) asks and waits.
      if (reached(Stage.APPROVAL_PENDING)) {
        return State.AWAITING_APPROVAL;
      }
      if (reached(Stage.ACTION_REQUESTED)) {
        return State.MITIGATING;
      }
      return reached(Stage.DIAGNOSED) ? State.DIAGNOSED : State.DETECTED;
    }

    private boolean escalated() {
      return steps.stream()
          .anyMatch(
              step ->
                  step.stage() == Stage.ROLLED_BACK
                      || (step.data() instanceof RemediationFailed failed && failed.escalated())
                      || (step.data() instanceof DiagnosisMade diagnosis
                          && diagnosis.plan().action() == RemediationAction.ESCALATE));
    }

    private boolean reached(Stage stage) {
      return first(stage).isPresent();
    }

    private Optional<Instant> first(Stage stage) {
      return steps.stream().filter(step -> step.stage() == stage).map(Step::at).findFirst();
    }

    private static double seconds(Instant from, Instant to) {
      return Math.max(0, Duration.between(from, to).toMillis()) / 1000.0;
    }
  }
}
