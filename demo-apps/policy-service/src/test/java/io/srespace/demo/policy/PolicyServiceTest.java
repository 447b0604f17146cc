package io.srespace.demo.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.srespace.demo.testing.Otlp;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerResource;
import io.srespace.kafka.broker.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "telemetry"))
class PolicyServiceTest {
  private static final String TOKEN = "test-token";
  private static final String LOW_RISK =
      """
      {"customerId":"c-7","product":"home-basic","age":40,"region":"west","claimsLastFiveYears":0}""";

  @TestHTTPResource("/prices")
  URI prices;

  @AfterEach
  void clearFaults() {
    given().header("X-Admin-Token", TOKEN).delete("/admin/faults").then().statusCode(200);
  }

  @Test
  void pricesAProductFromItsTariffAndTheCustomersRisk() {
    given()
        .contentType(ContentType.JSON)
        .body(LOW_RISK)
        .post("/prices")
        .then()
        .statusCode(200)
        .body("currency", equalTo("EUR"))
        .body("riskScore", equalTo(0.08f))
        .body("premium", equalTo(313.6f));
  }

  @Test
  void anUnknownProductIsABadRequest() {
    given()
        .contentType(ContentType.JSON)
        .body(LOW_RISK.replace("home-basic", "spaceship"))
        .post("/prices")
        .then()
        .statusCode(400);
  }

  @Test
  void issuesAPolicyForAnAcceptableRiskAndRefusesAHighOneWith200() {
    purchase(0.2)
        .then()
        .statusCode(201)
        .body("status", equalTo("ISSUED"))
        .body("policyId", startsWith("pol-"));
    purchase(0.95)
        .then()
        .statusCode(200)
        .body("status", equalTo("REJECTED"))
        .body("reason", containsString("above the acceptance limit 0.80"));
  }

  @Test
  void conversionBreakRefusesEveryPurchaseQuietly() {
    given()
        .header("X-Admin-Token", TOKEN)
        .post("/admin/faults/conversion-break")
        .then()
        .statusCode(200);

    purchase(0.05)
        .then()
        .statusCode(200)
        .body("status", equalTo("REJECTED"))
        .body("policyId", nullValue())
        .body("reason", containsString("acceptance limit 0.00"));
    given().contentType(ContentType.JSON).body(LOW_RISK).post("/prices").then().statusCode(200);

    given()
        .header("X-Admin-Token", TOKEN)
        .delete("/admin/faults/conversion-break")
        .then()
        .statusCode(200);
    purchase(0.05).then().statusCode(201);
  }

  @Test
  void dbPoolFaultHoldsThePoolSoRequestsTimeOutUntilItIsCleared() throws Exception {
    assertThat(load(32, 2)).as("without the fault").containsOnly(200);

    given()
        .header("X-Admin-Token", TOKEN)
        .queryParam("intensity", 4)
        .post("/admin/faults/db-pool")
        .then()
        .statusCode(200);
    Instant faulted = Instant.now();
    List<Integer> statuses = load(8, 3);

    assertThat(statuses).as("the batch holds all 4 connections").containsOnly(503);
    List<Double> pending = pendingReportedSince(faulted);
    assertThat(pending).anyMatch(waiting -> waiting > 0);

    given().header("X-Admin-Token", TOKEN).delete("/admin/faults/db-pool").then().statusCode(200);
    assertThat(load(32, 1)).as("the batch gave its connections back").containsOnly(200);
  }

  /**
   * Sends {@code rounds} waves of {@code concurrent} price requests at once; returns the statuses.
   */
  private List<Integer> load(int concurrent, int rounds) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    ExecutorService threads = Executors.newFixedThreadPool(concurrent);
    List<Integer> statuses = new ArrayList<>();
    try {
      for (int round = 0; round < rounds; round++) {
        List<CompletableFuture<Integer>> wave = new ArrayList<>();
        for (int i = 0; i < concurrent; i++) {
          wave.add(CompletableFuture.supplyAsync(() -> post(client), threads));
        }
        for (CompletableFuture<Integer> status : wave) {
          statuses.add(status.get());
        }
      }
    } finally {
      threads.shutdown();
    }
    return statuses;
  }

  private int post(HttpClient client) {
    HttpRequest request =
        HttpRequest.newBuilder(prices)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(LOW_RISK))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static io.restassured.response.Response purchase(double riskScore) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"quoteId":"q-1","customerId":"c-7","product":"home-basic","premium":313.6,"riskScore":%s}"""
                .formatted(riskScore))
        .post("/policies");
  }

  /** Pending connection requests from each otlp_metrics report of policy-service since then. */
  private static List<Double> pendingReportedSince(Instant since) {
    long sinceNanos = since.toEpochMilli() * 1_000_000;
    return new TopicReader(KafkaBroker.shared())
            .await(
                Topics.OTLP_METRICS.name(),
                Otlp::metrics,
                report -> pending(report).isPresent() && Otlp.time(report) >= sinceNanos,
                reports -> reports.stream().anyMatch(report -> pending(report).get() > 0),
                Duration.ofSeconds(10))
            .stream()
            .map(report -> pending(report).orElseThrow())
            .toList();
  }

  private static Optional<Double> pending(ExportMetricsServiceRequest report) {
    return Otlp.gauge(report, "db.client.connections.pending_requests");
  }
}
