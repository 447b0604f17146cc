package io.srespace.console.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.srespace.console.incidents.Golden;
import io.srespace.events.DiagnosisMade;
import io.srespace.events.Event;
import io.srespace.events.EventPayload;
import io.srespace.events.IncidentOpened;
import io.srespace.events.PostmortemRemembered;
import io.srespace.events.RemediationVerified;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerResource;
import io.srespace.kafka.broker.TopicReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The console on a real broker, logged in as itself: what agents publish reaches the page. */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "console"))
class ConsoleServiceTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private final KafkaBroker kafka = KafkaBroker.shared();

  @TestHTTPResource("/api/feed")
  URL feed;

  @Test
  void anIncidentsEventsFromThreeAgentsBecomeOneTimelineOnThePage() throws Exception {
    Instant opened = Instant.now().minusSeconds(30);
    publish(
        Topics.SCOUT_INCIDENTS.name(), Golden.event(IncidentOpened.class, "INC-C-1", 5, opened));
    publish(
        Topics.BRAIN_DIAGNOSES.name(),
        Golden.event(DiagnosisMade.class, "INC-C-1", 5, opened.plusSeconds(2)));
    publish(
        Topics.FIXER_ACTIONS.name(),
        Golden.event(RemediationVerified.class, "INC-C-1", 5, opened.plusSeconds(25)));
    publish(
        Topics.MEMORY_RECORDS.name(),
        Golden.event(PostmortemRemembered.class, "INC-C-1", 5, opened.plusSeconds(40)));

    awaitSteps("INC-C-1", 4);
    given()
        .get("/api/incidents/INC-C-1")
        .then()
        .statusCode(200)
        .body("state", equalTo("RESOLVED"))
        .body("issue", equalTo(5))
        .body("steps.stage", equalTo(List.of("DETECTED", "DIAGNOSED", "VERIFIED", "REMEMBERED")))
        .body("steps.agent", equalTo(List.of("scout", "brain", "fixer", "memory")))
        .body("secondsToMitigate", equalTo(25.0f));
  }

  @Test
  void theFeedStreamsAnAgentsEventWithinASecond() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(feed.toURI()).header("Accept", "text/event-stream").build();
    HttpResponse<InputStream> stream =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    Event<EventPayload> event = Golden.event(DiagnosisMade.class, "INC-C-2", 6, Instant.now());
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(() -> firstDataLineWith(stream, event.eventId()));

    long published = System.nanoTime();
    publish(Topics.BRAIN_DIAGNOSES.name(), event);
    String data = line.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - published);

    assertThat(data).contains("\"agent\":\"brain\"", "\"incidentId\":\"INC-C-2\"", "diagnosed");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    stream.body().close();
  }

  @Test
  void aRecordThatIsNoEventGoesToTheDeadLettersAndTheNextOneIsShown() throws Exception {
    kafka.send(
        Topics.SCOUT_INCIDENTS.name(), "INC-C-3", "{not an event".getBytes(StandardCharsets.UTF_8));
    kafka.send(Topics.OTLP_SPANS.name(), "spans", "not protobuf".getBytes(StandardCharsets.UTF_8));
    publish(
        Topics.SCOUT_INCIDENTS.name(),
        Golden.event(IncidentOpened.class, "INC-C-3", 7, Instant.now()));

    awaitState("INC-C-3", "DETECTED");
    assertThat(deadLetters(Topics.SCOUT_INCIDENTS.deadLetters().name(), "{not an event"))
        .isNotEmpty();
    assertThat(deadLetters(Topics.OTLP_SPANS.deadLetters().name(), "not protobuf")).isNotEmpty();
  }

  @Test
  void badAndUnknownIncidentIdsGetAClearAnswer() {
    given()
        .get("/api/incidents/no such id")
        .then()
        .statusCode(400)
        .body(containsString("an incident id is 1 to 80 letters"));
    given().get("/api/incidents/INC-NEVER").then().statusCode(404);
  }

  @Test
  void thePageAndItsBundleAreServedFromHere() {
    String page = given().get("/").then().statusCode(200).extract().asString();

    assertThat(page).contains("SRE-Space console").doesNotContain("http://", "https://");
    String script = page.replaceAll("(?s).*src=\"([^\"]+\\.js)\".*", "$1");
    given().get(script).then().statusCode(200).body(containsString("annotation"));
    given().get("/q/health/ready").then().statusCode(200);
  }

  @Test
  void theChaosLabIsOffAndRefusesWithoutTheSetting() {
    given()
        .get("/api/chaos")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("why", containsString("console.chaos-lab.enabled"));
    given()
        .header(SameOrigin.HEADER, "1")
        .post("/api/chaos/user-service/latency")
        .then()
        .statusCode(403)
        .body("error", containsString("the chaos lab is off"));
    given()
        .header(SameOrigin.HEADER, "1")
        .delete("/api/chaos/user-service/latency")
        .then()
        .statusCode(403);
  }

  @Test
  void aChangeFromAnotherSitesPageIsRefused() {
    given()
        .post("/api/chaos/user-service/latency")
        .then()
        .statusCode(403)
        .body("error", containsString("must come from the console's page"));
    given()
        .header(SameOrigin.HEADER, "1")
        .header("Origin", "http://attacker.example")
        .post("/api/chaos/user-service/latency")
        .then()
        .statusCode(403)
        .body("error", containsString("not from http://attacker.example"));
  }

  private void publish(String topic, Event<?> event) {
    kafka.send(topic, event.incidentId(), EventJson.write(event));
  }

  private static void awaitSteps(String incidentId, int steps) throws InterruptedException {
    await(incidentId, steps + " steps", incident -> incident.getList("steps").size() >= steps);
  }

  private static void awaitState(String incidentId, String state) throws InterruptedException {
    await(incidentId, state, incident -> state.equals(incident.getString("state")));
  }

  /** Waits until the console's incident is as {@code wanted} says. */
  private static void await(String incidentId, String what, Predicate<JsonPath> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      var response = given().get("/api/incidents/" + incidentId);
      if (response.statusCode() == 200) {
        last = response.asString();
        if (wanted.test(response.jsonPath())) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "%s did not reach %s within %s (last: %s)".formatted(incidentId, what, PATIENCE, last));
  }

  private List<String> deadLetters(String topic, String wanted) {
    return new TopicReader(kafka)
        .await(
            topic,
            bytes -> new String(bytes, StandardCharsets.UTF_8),
            value -> value.contains(wanted),
            found -> !found.isEmpty(),
            PATIENCE);
  }

  private static String firstDataLineWith(HttpResponse<InputStream> stream, String text) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("data:") && line.contains(text)) {
          return line;
        }
      }
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
