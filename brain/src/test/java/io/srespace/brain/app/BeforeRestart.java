package io.srespace.brain.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.srespace.board.IncidentBoard;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.brain.diagnosis.Incidents;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentOpened;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationPlan;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a previous Brain left on the topics before this one starts: an incident it diagnosed, whose
 * remediation has not been verified yet, and its open issue on the board; an incident it stopped
 * before diagnosing; and one it never diagnosed whose symptoms have since cleared.
 */
public class BeforeRestart implements QuarkusTestResourceLifecycleManager {
  static final String INCIDENT = "INC-BEFORE-RESTART";
  static final String UNDIAGNOSED = "INC-NOT-DIAGNOSED-YET";
  static final String CLEARED = "INC-CLEARED-BEFORE-DIAGNOSIS";
  static Event<IncidentOpened> opened;
  static Path board;

  @Override
  public Map<String, String> start() {
    board = Path.of("target", "test-board-restart-" + UUID.randomUUID() + ".git");
    IncidentBoard scout = LocalGitBoard.open(board, "scout");
    int issue = openIssue(scout, INCIDENT);
    Instant at = Instant.now().minusSeconds(60);
    opened = Event.of("scout", INCIDENT, issue, at, Incidents.kill(at.minusSeconds(5)));
    try (var publisher = new EventPublisher(KafkaBroker.shared().clientConfig(), "test")) {
      publisher.publish(Topics.SCOUT_INCIDENTS, opened);
      publisher.publish(
          Topics.BRAIN_DIAGNOSES,
          Event.of(
              "brain",
              INCIDENT,
              issue,
              at.plusSeconds(1),
              new DiagnosisMade(
                  List.of(),
                  FaultClass.UNAVAILABLE,
                  0.81,
                  new RemediationPlan(RemediationAction.RESTART, "user-service", null, "down"),
                  "unavailable on user-service",
                  List.of())));
      Instant recent = Instant.now().minusSeconds(20);
      publisher.publish(
          Topics.SCOUT_INCIDENTS,
          Event.of(
              "scout",
              UNDIAGNOSED,
              openIssue(scout, UNDIAGNOSED),
              recent,
              Incidents.kill(recent.minusSeconds(5))));
      Event<IncidentOpened> cleared =
          Event.of(
              "scout",
              CLEARED,
              openIssue(scout, CLEARED),
              recent,
              Incidents.kill(recent.minusSeconds(5)));
      publisher.publish(Topics.SCOUT_INCIDENTS, cleared);
      publisher.publish(
          Topics.SCOUT_INCIDENTS,
          cleared.next("scout", new SymptomsCleared(recent.plusSeconds(5), 10)));
    }
    return Map.of("brain.board.local", board.toString());
  }

  private static int openIssue(IncidentBoard scout, String incidentId) {
    return scout
        .open(
            incidentId,
            "user-service is down",
            IncidentBoard.marker(incidentId),
            Set.of("incident"))
        .number();
  }

  @Override
  public void stop() {}
}
