package io.srespace.brain.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.srespace.board.Comment;
import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import io.srespace.brain.diagnosis.Incidents;
import io.srespace.events.Anomaly;
import io.srespace.events.DiagnosisEvent;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentOpened;
import io.srespace.events.IncidentUpdated;
import io.srespace.events.PostmortemEvent;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import io.srespace.events.RemediationApplied;
import io.srespace.events.RemediationVerified;
import io.srespace.events.Severity;
import io.srespace.events.Signal;
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

/** Brain as a service on the real broker: an incident in, one diagnosis and one comment out. */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "brain"))
class BrainServiceTest {
  @Inject IncidentBoard board;

  /** {@code brain.symptom-hold} in the test profile. */
  private static final Duration HOLD = Duration.ofSeconds(4);

  private final TopicReader reader = new TopicReader(KafkaBroker.shared());

  @Test
  void anIncidentIsDiagnosedOnceCommentedOnceAndClosedWithItsPostmortem() throws Exception {
    String incidentId = "INC-DBPOOL-1";
    Instant now = Instant.now();
    IncidentOpened opened = Incidents.dbPool(now.minusSeconds(8));
    Issue issue =
        board.open(
            incidentId, opened.title(), IncidentBoard.marker(incidentId), Set.of("incident"));
    Event<IncidentOpened> event = Event.of("scout", incidentId, issue.number(), now, opened);
    send(Topics.SCOUT_INCIDENTS, event);
    send(Topics.SCOUT_INCIDENTS, event);

    List<Event<DiagnosisEvent>> diagnoses =
        awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofSeconds(20));
    DiagnosisMade made = (DiagnosisMade) diagnoses.get(0).data();
    assertThat(made.suspects().get(0).service()).isEqualTo("policy-service");
    assertThat(made.faultClass()).isEqualTo(FaultClass.RESOURCE_EXHAUSTION);
    assertThat(made.plan().action()).isEqualTo(RemediationAction.PULL_REQUEST);
    assertThat(made.confidence()).isBetween(0.3, 1.0);

    List<Comment> comments = awaitComments(issue.number(), 1, Duration.ofSeconds(10));
    Thread.sleep(2_000);
    assertThat(awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 2, Duration.ofSeconds(1)))
        .as("a redelivered incident is not diagnosed twice")
        .hasSize(1);
    assertThat(board.comments(issue.number(), 0)).as("one comment").hasSize(1);
    assertThat(comments.get(0).body())
        .contains("policy-service")
        .contains("Scout: db-pool on policy-service")
        .endsWith("\nMITIGATION: PR policy-service DB_POOL_MAX_SIZE 4→8");

    Instant applied = Instant.now();
    send(
        Topics.FIXER_ACTIONS,
        Event.of(
            "fixer",
            incidentId,
            issue.number(),
            applied,
            new RemediationApplied(
                "act-1", RemediationAction.PULL_REQUEST, "policy-service", "merged", "pr-1")));
    send(
        Topics.FIXER_ACTIONS,
        Event.of(
            "fixer",
            incidentId,
            issue.number(),
            applied.plusSeconds(20),
            new RemediationVerified(
                "act-1",
                RemediationAction.PULL_REQUEST,
                "policy-service",
                "SymptomsCleared and policy-service healthy",
                applied.plusSeconds(15))));

    List<Event<PostmortemEvent>> postmortems =
        awaitFor(Topics.BRAIN_POSTMORTEMS, incidentId, 1, Duration.ofSeconds(20));
    PostmortemWritten postmortem = (PostmortemWritten) postmortems.get(0).data();
    assertThat(postmortem.service()).isEqualTo("policy-service");
    assertThat(postmortem.outcome()).isEqualTo("verified");
    assertThat(postmortem.issue()).isEqualTo("#" + issue.number());
    assertThat(postmortem.change().to()).isEqualTo("8");
    assertThat(postmortem.symptoms()).contains("db-pool on policy-service");
    assertThat(postmortem.markdown())
        .contains("## Timeline", "## Impact", "## Root cause", "## Evidence", "## Action")
        .contains("## Verification", "time to detect", "time to diagnose", "time to mitigate")
        .contains("## Follow-ups");
    awaitClosed(issue.number(), Duration.ofSeconds(10));
  }

  @Test
  void aMalformedIncidentGoesToTheDeadLetterTopicAndTheNextIsStillDiagnosed() throws Exception {
    KafkaBroker.shared()
        .send(
            Topics.SCOUT_INCIDENTS.name(),
            "INC-BROKEN",
            "{\"type\":\"IncidentOpened\",\"data\":".getBytes(StandardCharsets.UTF_8));
    assertThat(
            reader.await(
                Topics.SCOUT_INCIDENTS.deadLetters().name(),
                bytes -> new String(bytes, StandardCharsets.UTF_8),
                text -> text.contains("IncidentOpened"),
                found -> !found.isEmpty(),
                Duration.ofSeconds(20)))
        .hasSize(1);
    assertThat(
            given()
                .get("/q/health/ready")
                .then()
                .extract()
                .jsonPath()
                .getString("checks.find { it.name == 'brain' }.data.'dead letters by topic'"))
        .as("readiness counts it")
        .contains("scout.incidents ");
    assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
        .as("so do the metrics, open like health")
        .containsPattern("srespace_dead_letters_total\\{topic=\"scout.incidents\"} [1-9]");

    String incidentId = "INC-KILL-1";
    IncidentOpened kill = Incidents.kill(Instant.now().minusSeconds(3));
    Issue opened =
        board.open(incidentId, kill.title(), IncidentBoard.marker(incidentId), Set.of("incident"));
    send(Topics.SCOUT_INCIDENTS, Event.of("scout", incidentId, opened.number(), kill));
    DiagnosisMade made =
        (DiagnosisMade)
            awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofSeconds(20)).get(0).data();
    assertThat(made.plan().service()).isEqualTo("user-service");
    assertThat(made.plan().action()).isEqualTo(RemediationAction.RESTART);
    assertThat(diagnosesOf(incidentId).get(0).issue()).isEqualTo(opened.number());
    assertThat(awaitComments(opened.number(), 1, Duration.ofSeconds(10)).get(0).body())
        .endsWith("\nMITIGATION: RESTART user-service");
  }

  @Test
  void aRestartForLatencyWaitsForTheCauseAndThePoolThatArrivesLaterDecides() throws Exception {
    String incidentId = "INC-SLOW-POOL";
    Instant now = Instant.now();
    Event<IncidentOpened> opened =
        openedAndHeld(
            incidentId,
            Incidents.latency(now.minusSeconds(1)),
            now,
            "latency alone is held: a restart would hide the pool running dry");

    // The pool's report arrives after the spans, as it does on the running stack.
    update(
        opened,
        Incidents.anomaly("policy-service", null, Signal.DB_POOL, 12, 0.2, Instant.now()),
        "quote-service");
    List<Event<DiagnosisEvent>> diagnoses =
        awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofSeconds(20));
    DiagnosisMade made = (DiagnosisMade) diagnoses.get(0).data();
    assertThat(made.faultClass()).isEqualTo(FaultClass.RESOURCE_EXHAUSTION);
    assertThat(made.plan().action()).isEqualTo(RemediationAction.PULL_REQUEST);
    assertThat(Duration.between(now, diagnoses.get(0).occurredAt()))
        .as("the cause ends the hold at once")
        .isLessThan(HOLD);
    Thread.sleep(HOLD.toMillis());
    assertThat(awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 2, Duration.ofSeconds(1)))
        .as("no restart published when the hold ends")
        .hasSize(1);
  }

  @Test
  void aRestartForLatencyAloneIsPublishedWhenTheHoldEnds() throws Exception {
    String incidentId = "INC-SLOW-ONLY";
    Instant now = Instant.now();
    IncidentOpened slow = Incidents.latency(now.minusSeconds(1));
    Issue issue =
        board.open(incidentId, slow.title(), IncidentBoard.marker(incidentId), Set.of("incident"));
    send(Topics.SCOUT_INCIDENTS, Event.of("scout", incidentId, issue.number(), now, slow));

    List<Event<DiagnosisEvent>> diagnoses =
        awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofSeconds(20));
    DiagnosisMade made = (DiagnosisMade) diagnoses.get(0).data();
    assertThat(made.faultClass()).isEqualTo(FaultClass.LATENCY);
    assertThat(made.plan())
        .extracting(p -> p.action(), p -> p.service())
        .containsExactly(RemediationAction.RESTART, "policy-service");
    assertThat(Duration.between(slow.firstSeen(), diagnoses.get(0).occurredAt()))
        .as("published when the hold, counted from the symptom's start, ends; not before")
        .isGreaterThanOrEqualTo(HOLD.minusMillis(100));
    assertThat(awaitComments(issue.number(), 1, Duration.ofSeconds(10)).get(0).body())
        .endsWith("\nMITIGATION: RESTART policy-service");
  }

  @Test
  void aRestartForLatencyWhereNothingCanRunOutIsNotHeld() throws Exception {
    String incidentId = "INC-SLOW-USERS";
    Instant now = Instant.now();
    IncidentOpened slow =
        Incidents.opened(
            "user-service slow",
            now.minusSeconds(1),
            Incidents.anomaly("user-service", null, Signal.LATENCY, 850, 12, now),
            Incidents.anomaly("quote-service", "user-service", Signal.LATENCY, 860, 14, now));
    Issue issue =
        board.open(incidentId, slow.title(), IncidentBoard.marker(incidentId), Set.of("incident"));
    send(Topics.SCOUT_INCIDENTS, Event.of("scout", incidentId, issue.number(), now, slow));

    List<Event<DiagnosisEvent>> diagnoses =
        awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofSeconds(20));
    DiagnosisMade made = (DiagnosisMade) diagnoses.get(0).data();
    assertThat(made.plan())
        .extracting(p -> p.action(), p -> p.service())
        .containsExactly(RemediationAction.RESTART, "user-service");
    assertThat(Duration.between(now, diagnoses.get(0).occurredAt()))
        .as("user-service has no pool whose report could still name a cause")
        .isLessThan(HOLD.minusMillis(500));
  }

  @Test
  void aCallersOwnLatencyIsHeldForWhatItsCalleesShowAMomentLater() throws Exception {
    String incidentId = "INC-SLOW-CALLER";
    Instant now = Instant.now();
    IncidentOpened slow =
        Incidents.opened(
            "quote-service slow",
            now.minusSeconds(1),
            Incidents.anomaly("quote-service", null, Signal.LATENCY, 892, 12, now));
    Issue issue =
        board.open(incidentId, slow.title(), IncidentBoard.marker(incidentId), Set.of("incident"));
    send(Topics.SCOUT_INCIDENTS, Event.of("scout", incidentId, issue.number(), now, slow));

    List<Event<DiagnosisEvent>> diagnoses =
        awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofSeconds(20));
    assertThat(Duration.between(slow.firstSeen(), diagnoses.get(0).occurredAt()))
        .as("quote-service calls others: their windows may still name the cause")
        .isGreaterThanOrEqualTo(HOLD.minusMillis(100));
  }

  @Test
  void aLeafSeenSlowOnlyByItsCallerIsHeldUntilItsOwnSpansAreJudged() throws Exception {
    // The caller's window fired at once; user-service's own, judged a moment later, shows the
    // slowness is its own: a restart, not an escalation of the way between them.
    String incidentId = "INC-SLOW-WAY";
    Instant now = Instant.now();
    Event<IncidentOpened> opened =
        openedAndHeld(
            incidentId,
            Incidents.opened(
                "quote-service → user-service slow",
                now.minusSeconds(1),
                Incidents.anomaly("quote-service", "user-service", Signal.LATENCY, 860, 14, now)),
            now,
            "an escalation for what only a caller sees waits for the callee's own windows");

    update(
        opened,
        Incidents.anomaly("user-service", null, Signal.LATENCY, 850, 12, Instant.now()),
        "quote-service");
    List<Event<DiagnosisEvent>> diagnoses =
        awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofSeconds(20));
    assertThat(((DiagnosisMade) diagnoses.get(0).data()).plan())
        .extracting(p -> p.action(), p -> p.service())
        .containsExactly(RemediationAction.RESTART, "user-service");
  }

  @Test
  void aSymptomThatBeganAHoldAgoIsNotHeldAgain() throws Exception {
    // Errors confirmed over two windows open the incident well after they began: any pool report
    // due since their start has come, so the restart is published at once.
    String incidentId = "INC-SLOW-LONG-AGO";
    Instant now = Instant.now();
    IncidentOpened slow = Incidents.latency(now.minus(HOLD).minusSeconds(1));
    Issue issue =
        board.open(incidentId, slow.title(), IncidentBoard.marker(incidentId), Set.of("incident"));
    send(Topics.SCOUT_INCIDENTS, Event.of("scout", incidentId, issue.number(), now, slow));

    List<Event<DiagnosisEvent>> diagnoses =
        awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofSeconds(20));
    assertThat(((DiagnosisMade) diagnoses.get(0).data()).plan().action())
        .isEqualTo(RemediationAction.RESTART);
    assertThat(Duration.between(now, diagnoses.get(0).occurredAt()))
        .as("the symptom began more than a hold ago")
        .isLessThan(HOLD.minusMillis(1_500));
  }

  /** Opens the incident's issue, announces it and checks that no diagnosis came out at once. */
  private Event<IncidentOpened> openedAndHeld(
      String incidentId, IncidentOpened incident, Instant now, String why) throws Exception {
    Issue issue =
        board.open(
            incidentId, incident.title(), IncidentBoard.marker(incidentId), Set.of("incident"));
    Event<IncidentOpened> opened = Event.of("scout", incidentId, issue.number(), now, incident);
    send(Topics.SCOUT_INCIDENTS, opened);
    Thread.sleep(1_500);
    assertThat(awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofMillis(500)))
        .as(why)
        .isEmpty();
    return opened;
  }

  /** Scout's update of the incident with one more anomaly, of its service and {@code also}. */
  private static void update(Event<IncidentOpened> opened, Anomaly anomaly, String also) {
    send(
        Topics.SCOUT_INCIDENTS,
        opened.next(
            "scout",
            new IncidentUpdated(
                Severity.CRITICAL, List.of(anomaly.service(), also), List.of(anomaly))));
  }

  private static void send(Topic<String, ?> topic, Event<? extends EventPayload> event) {
    try (var publisher = new EventPublisher(KafkaBroker.shared().clientConfig(), "test")) {
      publisher.publish(topic, event);
    }
  }

  private <P extends EventPayload> List<Event<P>> awaitFor(
      Topic<String, Event<P>> topic, String incidentId, int count, Duration timeout) {
    return reader.awaitEvents(
        topic, e -> incidentId.equals(e.incidentId()), found -> found.size() >= count, timeout);
  }

  private List<Comment> awaitComments(int issue, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Comment> comments = board.comments(issue, 0);
    while (comments.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(200);
      comments = board.comments(issue, 0);
    }
    assertThat(comments).as("comments on #" + issue).hasSizeGreaterThanOrEqualTo(count);
    return comments;
  }

  private List<Event<DiagnosisEvent>> diagnosesOf(String incidentId) {
    return awaitFor(Topics.BRAIN_DIAGNOSES, incidentId, 1, Duration.ofSeconds(5));
  }

  private void awaitClosed(int number, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (board.issue(number).map(i -> !i.open()).orElse(false)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("issue #" + number + " still open after " + timeout);
  }
}
