package io.srespace.demo.quote;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.srespace.kafka.broker.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

/** quote-service without its dependencies: clear answers, never a hang or a bare 500. */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "telemetry"))
class QuoteServiceAloneTest {
  @Test
  void anUnreachableUserServiceIsA503ThatNamesIt() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"customerId\":\"c-42\",\"product\":\"home-basic\"}")
        .post("/quotes")
        .then()
        .statusCode(503)
        .body("error", containsString("user-service unreachable"));
  }

  @Test
  void aQuoteRequestWithoutCustomerOrProductIsABadRequest() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"product\":\"pet\"}")
        .post("/quotes")
        .then()
        .statusCode(400);
    given().contentType(ContentType.JSON).body("{}").post("/quotes").then().statusCode(400);
  }

  @Test
  void buyingAQuoteThatDoesNotExistIsNotFound() {
    given().post("/quotes/q-nothing/purchase").then().statusCode(404);
    given().get("/quotes/q-nothing").then().statusCode(404);
  }
}
