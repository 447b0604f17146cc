package io.srespace.brain.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.srespace.board.IncidentBoard;
import io.srespace.events.DiagnosisEvent;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.PostmortemEvent;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationVerified;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerResource;
import io.srespace.kafka.broker.TopicReader;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Brain started after it diagnosed an incident still closes it when the fix is verified. */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "brain"))
@QuarkusTestResource(value = BeforeRestart.class, restrictToAnnotatedClass = true)
class BrainRestartTest {
  @Inject IncidentBoard board;
  private final TopicReader reader = new TopicReader(KafkaBroker.shared());

  @Test
  void anIncidentDiagnosedBeforeARestartIsNotDiagnosedAgainAndGetsItsPostmortem() throws Exception {
    String incident = BeforeRestart.INCIDENT;
    try (var publisher = new EventPublisher(KafkaBroker.shared().clientConfig(), "test")) {
      publisher.publish(Topics.SCOUT_INCIDENTS, BeforeRestart.opened);
      Thread.sleep(2_000);
      List<Event<DiagnosisEvent>> diagnoses =
          reader.awaitEvents(
              Topics.BRAIN_DIAGNOSES,
              e -> incident.equals(e.incidentId()),
              found -> found.size() > 1,
              Duration.ofSeconds(2));
      assertThat(diagnoses).as("only the diagnosis from before the restart").hasSize(1);

      Instant now = Instant.now();
      publisher.publish(
          Topics.FIXER_ACTIONS,
          BeforeRestart.opened.next(
              "fixer",
              new RemediationVerified(
                  "act-1", RemediationAction.RESTART, "user-service", "healthy again", now)));
    }
    List<Event<PostmortemEvent>> postmortems =
        reader.awaitEvents(
            Topics.BRAIN_POSTMORTEMS,
            e -> incident.equals(e.incidentId()),
            found -> !found.isEmpty(),
            Duration.ofSeconds(20));
    assertThat(postmortems).hasSize(1);
    PostmortemWritten postmortem = (PostmortemWritten) postmortems.get(0).data();
    assertThat(postmortem.service()).isEqualTo("user-service");
    assertThat(postmortem.markdown()).contains("0.81 (high)").contains("time to detect");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && board.findOpen(incident).isPresent()) {
      Thread.sleep(100);
    }
    assertThat(board.findOpen(incident)).as("the issue is closed").isEmpty();
  }

  @Test
  void anOpenIncidentNotDiagnosedBeforeTheRestartIsDiagnosedOnceAndAClearedOneIsLeft() {
    List<Event<DiagnosisEvent>> diagnoses =
        reader.awaitEvents(
            Topics.BRAIN_DIAGNOSES,
            e -> BeforeRestart.UNDIAGNOSED.equals(e.incidentId()),
            found -> !found.isEmpty(),
            Duration.ofSeconds(20));
    assertThat(diagnoses).hasSize(1);
    assertThat(((DiagnosisMade) diagnoses.get(0).data()).plan().service())
        .isEqualTo("user-service");
    assertThat(
            reader.awaitEvents(
                Topics.BRAIN_DIAGNOSES,
                e ->
                    BeforeRestart.UNDIAGNOSED.equals(e.incidentId())
                        || BeforeRestart.CLEARED.equals(e.incidentId()),
                found -> found.size() > 1,
                Duration.ofSeconds(3)))
        .as("diagnosed once; the incident whose symptoms cleared is left alone")
        .hasSize(1);
  }
}
