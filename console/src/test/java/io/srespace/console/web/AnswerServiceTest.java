package io.srespace.console.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.srespace.board.Comment;
import io.srespace.board.approval.SignedApproval;
import io.srespace.board.local.LocalGitBoard;
import io.srespace.events.ApprovalRequested;
import io.srespace.events.Event;
import io.srespace.events.GoldenEvents;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer to Fixer from the page: signed with the approver's key (here in Java, as the page does
 * in the browser), checked, and posted on the local board's issue as the approver.
 */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "console"))
class AnswerServiceTest {
  private final KafkaBroker kafka = KafkaBroker.shared();
  private final Path board =
      Path.of(ConfigProvider.getConfig().getValue("console.approvals.board", String.class));
  private final Path keys =
      Path.of(ConfigProvider.getConfig().getValue("console.approvals.keys", String.class));
  private KeyPair alice;
  private int issue;
  private String incident;
  private String actionId;

  @BeforeEach
  void fixerWaitsOnAlice() throws Exception {
    alice = SignedApproval.newKeys();
    Files.createDirectories(keys);
    Files.writeString(keys.resolve("alice.pub"), SignedApproval.encode(alice.getPublic()));
    incident = "INC-A-" + UUID.randomUUID().toString().substring(0, 8);
    actionId = "act-" + incident + "-1";
    try (LocalGitBoard scout = LocalGitBoard.open(board, "scout")) {
      issue = scout.open(incident, "pool exhausted", "body", Set.of("incident")).number();
    }
    Event<?> golden = GoldenEvents.event(ApprovalRequested.class);
    ApprovalRequested request =
        new ApprovalRequested(
            actionId,
            ((ApprovalRequested) golden.data()).plan(),
            List.of("alice"),
            Instant.now().plusSeconds(600));
    Event<?> event =
        new Event<>(
            UUID.randomUUID().toString(),
            Instant.now(),
            "fixer",
            golden.type(),
            incident,
            issue,
            Event.SCHEMA_VERSION,
            request);
    kafka.send(Topics.FIXER_ACTIONS.name(), incident, EventJson.write(event));
    awaitAwaiting();
  }

  @Test
  void aSignedApprovalIsPostedOnTheIssueAsTheApprover() throws Exception {
    String line = signed(alice, true, issue, 30).line();

    post(line)
        .statusCode(200)
        .body("approver", equalTo("alice"))
        .body("approve", equalTo(true))
        .body("issue", equalTo(issue));

    try (LocalGitBoard reader = LocalGitBoard.open(board, "reader")) {
      List<Comment> comments = reader.comments(issue, 0);
      assertThat(comments).extracting(Comment::body).contains(line);
      assertThat(comments)
          .filteredOn(c -> c.body().equals(line))
          .extracting(Comment::author)
          .containsOnly("alice");
    }
  }

  @Test
  void anAnswerThatFixerWouldIgnoreIsRefusedAtOnceWithTheReason() throws Exception {
    KeyPair mallory = SignedApproval.newKeys();
    post(signed(mallory, true, issue, 30).line())
        .statusCode(403)
        .body("error", equalTo("the signature is not alice's"));
    post(signed(alice, true, issue + 1, 30).line())
        .statusCode(400)
        .body("error", containsString("signed for issue #" + (issue + 1)));
    post(signed(alice, true, issue, 120).line())
        .statusCode(400)
        .body("error", containsString("valid for at most 60 minutes"));
    post("/approve " + actionId)
        .statusCode(400)
        .body("error", containsString("not a signed answer"));
    given()
        .header(SameOrigin.HEADER, "1")
        .contentType("application/json")
        .body(Map.of("line", signed(alice, true, issue, 30).line()))
        .post("/api/incidents/INC-NOT-WAITING/answer")
        .then()
        .statusCode(409)
        .body("error", containsString("waits for no answer"));
    try (LocalGitBoard reader = LocalGitBoard.open(board, "reader")) {
      assertThat(reader.comments(issue, 0)).isEmpty();
    }
  }

  @Test
  void anAnswerFromAnotherSitesPageIsRefused() {
    given()
        .contentType("application/json")
        .body(Map.of("line", signed(alice, true, issue, 30).line()))
        .post("/api/incidents/" + incident + "/answer")
        .then()
        .statusCode(403);
  }

  private SignedApproval signed(KeyPair keys, boolean approve, int onIssue, int minutes) {
    return SignedApproval.sign(
        approve,
        actionId,
        onIssue,
        Instant.now().plus(minutes, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS),
        "alice",
        keys.getPrivate());
  }

  private io.restassured.response.ValidatableResponse post(String line) {
    return given()
        .header(SameOrigin.HEADER, "1")
        .contentType("application/json")
        .body(Map.of("line", line))
        .post("/api/incidents/" + incident + "/answer")
        .then();
  }

  private void awaitAwaiting() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      var response = given().get("/api/incidents/" + incident);
      if (response.statusCode() == 200
          && "AWAITING_APPROVAL".equals(response.jsonPath().getString("state"))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(incident + " never awaited approval on the console");
  }
}
