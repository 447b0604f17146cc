package io.srespace.demo.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.srespace.demo.testing.JaegerCollectorResource;
import io.srespace.demo.testing.Otlp;
import io.srespace.events.ChaosEvent;
import io.srespace.events.Event;
import io.srespace.events.FaultCleared;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerResource;
import io.srespace.kafka.broker.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "telemetry"))
@QuarkusTestResource(JaegerCollectorResource.class)
class UserServiceTest {
  private static final String TOKEN = "test-token";
  private final TopicReader topics = new TopicReader(KafkaBroker.shared());

  @AfterEach
  void clearFaults() {
    given().header("X-Admin-Token", TOKEN).delete("/admin/faults").then().statusCode(200);
  }

  @Test
  void answersTheSameProfileForACustomerEveryTime() {
    String first = given().get("/users/c-42").then().statusCode(200).extract().asString();

    given().get("/users/c-42").then().statusCode(200).body(equalTo(first));
    given().get("/users/c-42").then().body("customerId", equalTo("c-42"));
  }

  @Test
  void servesHealthChecksAndPrometheusMetrics() {
    given().get("/users/c-42").then().statusCode(200);

    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/health/ready").then().statusCode(200);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"))
        .body(containsString("http_server_requests_seconds_count"));
  }

  @Test
  void anUnknownCustomerIsNotFound() {
    given().get("/users/c-0").then().statusCode(404);
    given().get("/users/nobody").then().statusCode(404);
  }

  @Test
  void theAdminEndpointWantsTheToken() {
    given()
        .get("/admin/faults")
        .then()
        .statusCode(401)
        .body("error", containsString("X-Admin-Token"));
    given().header("X-Admin-Token", "guess").post("/admin/faults/kill").then().statusCode(401);
  }

  @Test
  void theAdminEndpointListsThisServicesFaultsAndRejectsOthers() {
    given()
        .header("X-Admin-Token", TOKEN)
        .get("/admin/faults")
        .then()
        .statusCode(200)
        .body("fault", hasItems("kill", "memory-leak", "latency", "error-rate", "dependency-down"));
    given()
        .header("X-Admin-Token", TOKEN)
        .post("/admin/faults/conversion-break")
        .then()
        .statusCode(404)
        .body("error", containsString("this service has no conversion-break fault"));
    given()
        .header("X-Admin-Token", TOKEN)
        .post("/admin/faults/gremlins")
        .then()
        .statusCode(404)
        .body("error", containsString("no fault named 'gremlins'"));
    given()
        .header("X-Admin-Token", TOKEN)
        .queryParam("intensity", 7)
        .post("/admin/faults/error-rate")
        .then()
        .statusCode(400)
        .body("error", containsString("intensity must be between 0.01 and 1.0"));
  }

  @Test
  void dependencyDownRefusesRequestsAndFailsLivenessUntilCleared() {
    Instant before = Instant.now();
    inject("dependency-down", null, null);

    given().get("/users/c-42").then().statusCode(503);
    given().get("/q/health/live").then().statusCode(503);

    given()
        .header("X-Admin-Token", TOKEN)
        .delete("/admin/faults/dependency-down")
        .then()
        .statusCode(200)
        .body("cleared", equalTo(true));
    given().get("/users/c-42").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);

    List<Event<ChaosEvent>> flips = chaosEventsSince(before, 2);
    assertThat(flips).extracting(Event::type).containsExactly("FaultInjected", "FaultCleared");
    assertThat(flips.get(0).occurredAt()).isBetween(before, flips.get(1).occurredAt());
    assertThat(flips.get(0).source()).isEqualTo("user-service");
  }

  @Test
  void errorRateMakesRequestsThrowAndAnswer500() {
    inject("error-rate", 1.0, null);

    given().get("/users/c-42").then().statusCode(500);
    given().get("/users/c-43").then().statusCode(500);
  }

  @Test
  void aFaultWithADurationClearsItselfAndSaysWhy() throws Exception {
    Instant before = Instant.now();
    // Long enough for the first request to land inside it on a busy machine.
    inject("error-rate", 1.0, 3L);
    given().get("/users/c-42").then().statusCode(500);

    Thread.sleep(3_500);

    given().get("/users/c-42").then().statusCode(200);
    Event<ChaosEvent> cleared = chaosEventsSince(before, 2).get(1);
    assertThat(cleared.data())
        .isInstanceOfSatisfying(
            FaultCleared.class, c -> assertThat(c.reason()).isEqualTo("duration of 3 s elapsed"));
  }

  @Test
  void latencyDelaysTheHandlerAndShowsInItsSpan() {
    inject("latency", 300.0, null);
    long started = System.nanoTime();

    given().get("/users/c-4242").then().statusCode(200);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(260));
    List<Otlp.ServiceSpan> slow =
        topics
            .await(
                Topics.OTLP_SPANS.name(),
                bytes -> Otlp.spans(Otlp.traces(bytes)),
                spans -> true,
                batches ->
                    batches.stream()
                        .flatMap(List::stream)
                        .anyMatch(UserServiceTest::isSlowProfileCall),
                Duration.ofSeconds(15))
            .stream()
            .flatMap(List::stream)
            .filter(UserServiceTest::isSlowProfileCall)
            .toList();
    assertThat(slow).isNotEmpty();
    assertThat(slow.get(0).duration()).isGreaterThan(Duration.ofMillis(260));
  }

  private static boolean isSlowProfileCall(Otlp.ServiceSpan span) {
    return span.service().equals("user-service")
        && span.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER
        && span.span().getAttributesList().stream()
            .anyMatch(a -> a.getValue().getStringValue().equals("/users/c-4242"))
        && span.duration().compareTo(Duration.ofMillis(260)) > 0;
  }

  private static void inject(String fault, Double intensity, Long duration) {
    var request = given().header("X-Admin-Token", TOKEN);
    if (intensity != null) {
      request = request.queryParam("intensity", intensity);
    }
    if (duration != null) {
      request = request.queryParam("duration", duration);
    }
    request.post("/admin/faults/" + fault).then().statusCode(200).body("active", equalTo(true));
  }

  private List<Event<ChaosEvent>> chaosEventsSince(Instant since, int count) {
    return topics.await(
        Topics.CHAOS_FAULTS.name(),
        bytes -> EventJson.read(bytes, ChaosEvent.class),
        event -> !event.occurredAt().isBefore(since),
        events -> events.size() >= count,
        Duration.ofSeconds(10));
  }
}
