package io.srespace.fixer.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import io.srespace.events.Anomaly;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentOpened;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationEvent;
import io.srespace.events.RemediationPlan;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
import io.srespace.events.SymptomsCleared;
import io.srespace.events.TimeWindow;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerResource;
import io.srespace.kafka.broker.TopicReader;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fixer as a service on the real broker, restarting a real process under a real supervisord. */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "fixer"))
@QuarkusTestResource(SupervisorResource.class)
class FixerServiceTest {
  @Inject IncidentBoard board;
  private final TopicReader reader = new TopicReader(KafkaBroker.shared());

  @Test
  void aDiagnosisDeliveredTwiceRestartsTheProcessOnceAndIsVerifiedWhenSymptomsClear()
      throws Exception {
    String incidentId = "INC-FIX-1";
    Issue issue =
        board.open(
            incidentId, "demo-service down", IncidentBoard.marker(incidentId), Set.of("incident"));
    long pidBefore =
        SupervisorResource.supervisor
            .runtime(Duration.ofSeconds(10))
            .processInfo("demo-service")
            .pid();
    Event<DiagnosisMade> diagnosis =
        Event.of(
            "brain",
            incidentId,
            issue.number(),
            new DiagnosisMade(
                List.of(),
                FaultClass.UNAVAILABLE,
                0.8,
                new RemediationPlan(RemediationAction.RESTART, "demo-service", null, "it is down"),
                "unavailable on demo-service",
                List.of()));
    // Scout opened the incident first: Fixer acts only on a diagnosis of an open incident.
    send(
        Topics.SCOUT_INCIDENTS,
        Event.of(
            "scout",
            incidentId,
            issue.number(),
            new IncidentOpened(
                "demo-service down",
                Severity.CRITICAL,
                List.of("demo-service"),
                List.of(
                    new Anomaly(
                        "a1",
                        "demo-service",
                        null,
                        Signal.HEALTH,
                        3,
                        0,
                        "failed probes",
                        new TimeWindow(Instant.now().minusSeconds(5), Instant.now()),
                        List.of())),
                Instant.now())));
    send(Topics.BRAIN_DIAGNOSES, diagnosis);
    send(Topics.BRAIN_DIAGNOSES, diagnosis);

    awaitActions(incidentId, "RemediationApplied", Duration.ofSeconds(30));
    long pidAfter =
        SupervisorResource.supervisor
            .runtime(Duration.ofSeconds(10))
            .processInfo("demo-service")
            .pid();
    assertThat(pidAfter).isNotEqualTo(pidBefore);

    send(
        Topics.SCOUT_INCIDENTS,
        Event.of(
            "scout",
            incidentId,
            issue.number(),
            Instant.now(),
            new SymptomsCleared(Instant.now().minusSeconds(30), 30)));
    List<Event<RemediationEvent>> actions =
        awaitActions(incidentId, "RemediationVerified", Duration.ofSeconds(30));
    Thread.sleep(1_000);
    assertThat(actions)
        .extracting(Event::type)
        .containsExactly("RemediationRequested", "RemediationApplied", "RemediationVerified");
    assertThat(((RemediationVerified) actions.get(2).data()).evidence())
        .contains("symptoms cleared")
        .contains("RUNNING");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline
        && !board.issue(issue.number()).orElseThrow().labels().contains("status: fixed")) {
      Thread.sleep(100);
    }
    assertThat(board.issue(issue.number()).orElseThrow().labels()).contains("status: fixed");
    assertThat(
            SupervisorResource.supervisor
                .runtime(Duration.ofSeconds(10))
                .processInfo("demo-service")
                .pid())
        .as("restarted once")
        .isEqualTo(pidAfter);
  }

  @Test
  void aMalformedRecordGoesToItsDeadLetterTopicWithWhyAndATombstoneIsSkipped() throws Exception {
    KafkaBroker kafka = KafkaBroker.shared();
    for (var topic : List.of(Topics.BRAIN_DIAGNOSES, Topics.SCOUT_INCIDENTS)) {
      kafka.send(topic.name(), "INC-TOMBSTONE", null);
      kafka.send(
          topic.name(),
          "INC-BROKEN",
          "{\"type\":\"DiagnosisMade\"".getBytes(StandardCharsets.UTF_8));
    }
    for (var topic : List.of(Topics.BRAIN_DIAGNOSES, Topics.SCOUT_INCIDENTS)) {
      // Read the twin in order: had the tombstone been dead-lettered, it would come first.
      List<String> letters =
          reader.await(
              topic.deadLetters().name(),
              bytes -> bytes == null ? "(tombstone)" : new String(bytes, StandardCharsets.UTF_8),
              text -> true,
              found -> found.stream().anyMatch(text -> text.contains("DiagnosisMade")),
              Duration.ofSeconds(20));
      assertThat(letters).as(topic.name()).containsExactly("{\"type\":\"DiagnosisMade\"");
    }
    assertThat(
            given()
                .get("/q/health/ready")
                .then()
                .extract()
                .jsonPath()
                .getString("checks.find { it.name == 'fixer' }.data.'dead letters by topic'"))
        .as("readiness counts both")
        .contains("brain.diagnoses ", "scout.incidents ");
  }

  private List<Event<RemediationEvent>> awaitActions(
      String incidentId, String type, Duration timeout) {
    List<Event<RemediationEvent>> actions =
        reader.awaitEvents(
            Topics.FIXER_ACTIONS,
            e -> incidentId.equals(e.incidentId()),
            found -> found.stream().anyMatch(e -> e.type().equals(type)),
            timeout);
    assertThat(actions).extracting(Event::type).contains(type);
    return actions;
  }

  private static void send(Topic<String, ?> topic, Event<? extends EventPayload> event) {
    try (var publisher = new EventPublisher(KafkaBroker.shared().clientConfig(), "test")) {
      publisher.publish(topic, event);
    }
  }
}
