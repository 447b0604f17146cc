package io.srespace.brain.investigation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.srespace.events.recall.ApiKey;
import io.srespace.kafka.broker.KafkaBrokerResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The investigation API, through HTTP: accepted, answered, and refused with reasons. */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "brain"))
class InvestigationResourceTest {

  @Test
  void theApiAsksForBrainsKeyHealthDoesNot() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"description\": \"policy-service is down\"}")
        .when()
        .post("/api/v1/incidents")
        .then()
        .statusCode(401);
    given().get("/q/health/live").then().statusCode(200);
  }

  /** A request with Brain's API key (the test profile's). */
  private static RequestSpecification api() {
    return given().auth().preemptive().basic(ApiKey.USER, "test-api-key");
  }

  @Test
  void aDescribedProblemIsAcceptedThenAnsweredWithEntitiesRootCauseAndConfidence()
      throws InterruptedException {
    String id =
        api()
            .contentType(ContentType.JSON)
            .body("{\"description\": \"Pod policy-service keeps restarting in prod\"}")
            .when()
            .post("/api/v1/incidents")
            .then()
            .statusCode(202)
            .header("Location", containsString("/api/v1/incidents/inv-"))
            .body("id", startsWith("inv-"))
            .extract()
            .path("id");

    ValidatableResponse done = awaitDone(id, Duration.ofSeconds(10));
    done.body("entities.services", hasItem("policy-service"))
        .body("entities.symptoms[0].faultClass", is("unavailable"))
        .body("entities.symptoms[0].words", hasItem("restarting"))
        .body("rootCause.service", is("policy-service"))
        .body("rootCause.faultClass", is("unavailable"))
        .body("rootCause.summary", containsString("named in the description"))
        .body("confidence.level", notNullValue())
        .body("confidence.score", notNullValue())
        .body("evidence.notes", hasItem("no trace store configured"))
        .body("suggestedAction", notNullValue());
  }

  @Test
  void aMissingOrBlankDescriptionIsABadRequest() {
    api()
        .contentType(ContentType.JSON)
        .body("{}")
        .when()
        .post("/api/v1/incidents")
        .then()
        .statusCode(400)
        .body("error", containsString("description is required"));
    api()
        .contentType(ContentType.JSON)
        .body("{\"description\": \"   \"}")
        .when()
        .post("/api/v1/incidents")
        .then()
        .statusCode(400);
    api().contentType(ContentType.JSON).when().post("/api/v1/incidents").then().statusCode(400);
    api()
        .contentType(ContentType.JSON)
        .body("{\"description\": ")
        .when()
        .post("/api/v1/incidents")
        .then()
        .statusCode(400);
  }

  @Test
  void anOverlongDescriptionIsABadRequest() {
    api()
        .contentType(ContentType.JSON)
        .body(
            "{\"description\": \"" + "x".repeat(InvestigationResource.MAX_DESCRIPTION + 1) + "\"}")
        .when()
        .post("/api/v1/incidents")
        .then()
        .statusCode(400)
        .body("error", containsString("at most 4000"));
  }

  @Test
  void anUnknownInvestigationIsNotFound() {
    api()
        .when()
        .get("/api/v1/incidents/inv-nope")
        .then()
        .statusCode(404)
        .body("error", containsString("inv-nope"));
  }

  @Test
  void theOpenApiDocumentDescribesTheInvestigationApi() {
    api()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/incidents/{id}"));
  }

  private static ValidatableResponse awaitDone(String id, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String status = api().when().get("/api/v1/incidents/" + id).then().extract().path("status");
      if (!"RUNNING".equals(status)) {
        return api()
            .when()
            .get("/api/v1/incidents/" + id)
            .then()
            .statusCode(200)
            .body("status", is("DONE"));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("investigation " + id + " still running after " + timeout);
  }
}
