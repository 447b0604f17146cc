package io.srespace.memory.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.srespace.events.Event;
import io.srespace.events.MemoryEvent;
import io.srespace.events.PostmortemEvent;
import io.srespace.events.PostmortemRemembered;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.kafka.EventPublisher;
import io.srespace.events.recall.ApiKey;
import io.srespace.events.recall.SimilarIncident;
import io.srespace.events.recall.SimilarIncidentTest;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerResource;
import io.srespace.kafka.broker.TopicReader;
import io.srespace.memory.recall.PostmortemDocument;
import io.srespace.memory.recall.Postmortems;
import io.srespace.memory.testing.ChromaServerResource;
import io.srespace.memory.testing.OnnxRuntimeFolders;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Memory as a service on the real broker and a real Chroma: post-mortems in, recalls out. */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "memory"))
@QuarkusTestResource(ChromaServerResource.class)
@QuarkusTestResource(OnnxRuntimeFolders.class)
class MemoryServiceTest {
  private static final Duration STORED_WITHIN = Duration.ofSeconds(30);

  @ConfigProperty(name = "memory.chroma-url")
  String chromaUrl;

  @Inject EmbeddingModel model;

  @Test
  void aPublishedPostmortemIsRecalledFirstForARelatedTextWithItsFactsAndDistance()
      throws Exception {
    String heap = incident("heap");
    String purchases = incident("purchases");
    String slow = incident("slow");
    publish(heap, Postmortems.heapExhaustion("policy-service ran out of heap"));
    publish(purchases, Postmortems.purchasesRejected());
    publish(slow, Postmortems.slowUserService());

    String question =
        "purchases dropped to zero while quotes continue; policy-service rejects them";
    List<Map<String, Object>> similar =
        awaitSimilar(question, 50, found -> ids(found).containsAll(List.of(heap, purchases, slow)));

    assertThat(similar.get(0))
        .containsEntry("incidentId", purchases)
        .containsEntry("title", "purchases stopped: policy-service rejected every policy")
        .containsEntry("service", "policy-service")
        .containsEntry("faultClass", "wrong-result")
        .containsEntry("action", "pull-request")
        .containsEntry("outcome", "verified")
        .containsEntry("issue", "#12")
        .containsEntry(
            "rootCause", "policy-service's minimum age rule set to 120 rejects every customer")
        .containsEntry("resolvedAt", "2026-11-23T12:01:01Z")
        .containsEntry(
            "change",
            Map.of(
                "file", "policy-service/application.yaml",
                "key", "policy.min-age",
                "from", "120",
                "to", "18"));
    double nearest = ((Number) similar.get(0).get("distance")).doubleValue();
    double next = ((Number) similar.get(1).get("distance")).doubleValue();
    assertThat(nearest).isBetween(0.0, 1.0).isLessThan(next);
    double cosine =
        CosineSimilarity.between(
            model.embed(question).content(),
            model
                .embed(PostmortemDocument.of(purchases, Postmortems.purchasesRejected()).text())
                .content());
    assertThat(nearest).as("Chroma's cosine distance").isCloseTo(1 - cosine, within(1e-5));
    Map<String, Object> heapEntry =
        similar.stream().filter(entry -> heap.equals(entry.get("incidentId"))).findFirst().get();
    assertThat(heapEntry).doesNotContainKey("change").containsEntry("action", "restart");
    assertSpeaksTheRecallContract(question, List.of(heap, purchases, slow));
  }

  @Test
  void theSamePostmortemPublishedTwiceLeavesOneEntryAndACorrectionReplacesIt() throws Exception {
    String twice = incident("twice");
    String after = incident("after");
    long before = count();
    Event<PostmortemEvent> event =
        Event.of(
            "brain", twice, 1, Postmortems.heapExhaustion("quote-service heap filled up twice"));
    publish(twice, event);
    publish(twice, event);
    publish(twice, Postmortems.heapExhaustion("quote-service heap filled up, corrected"));
    publish(after, Postmortems.slowUserService());

    awaitSimilar("quote-service heap", 50, found -> ids(found).contains(after));

    List<Map<String, Object>> similar =
        awaitSimilar("quote-service heap filled up", 50, found -> ids(found).contains(twice));
    assertThat(similar).filteredOn(entry -> twice.equals(entry.get("incidentId"))).hasSize(1);
    assertThat(similar)
        .filteredOn(entry -> twice.equals(entry.get("incidentId")))
        .extracting(entry -> entry.get("title"))
        .containsExactly("quote-service heap filled up, corrected");
    assertThat(count()).isEqualTo(before + 2);
  }

  @Test
  void aRememberedPostmortemIsSaidOnceOnMemoryRecordsHoweverOftenItCame() {
    String incident = incident("said");
    Event<PostmortemEvent> event =
        Event.of("brain", incident, 4, Postmortems.heapExhaustion("quote-service heap, said"));
    publish(incident, event);
    publish(incident, event);

    List<Event<MemoryEvent>> said =
        new TopicReader(KafkaBroker.shared().clientConfig())
            .awaitEvents(
                Topics.MEMORY_RECORDS,
                record -> incident.equals(record.incidentId()),
                found -> found.size() >= 2,
                Duration.ofSeconds(20));

    assertThat(said).hasSize(2);
    assertThat(said).extracting(Event::eventId).containsOnly(said.get(0).eventId());
    assertThat(said.get(0).source()).isEqualTo("memory");
    assertThat(said.get(0).issue()).isEqualTo(4);
    assertThat(said.get(0).data())
        .isInstanceOfSatisfying(
            PostmortemRemembered.class,
            remembered -> {
              assertThat(remembered.title()).isEqualTo("quote-service heap, said");
              assertThat(remembered.service()).isEqualTo("policy-service");
            });
  }

  @Test
  void aMalformedRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() throws Exception {
    String malformed = incident("malformed");
    String next = incident("next");
    KafkaBroker.shared()
        .send(
            Topics.BRAIN_POSTMORTEMS.name(),
            malformed,
            "{\"title\": \"not an event\"".getBytes(StandardCharsets.UTF_8));
    publish(next, Postmortems.slowUserService());

    awaitSimilar("user-service slow", 50, found -> ids(found).contains(next));
    assertThat(deadLetterKeys(Duration.ofSeconds(15), malformed)).contains(malformed);
    assertThat(
            given()
                .get("/q/health/ready")
                .then()
                .extract()
                .jsonPath()
                .getString("checks.find { it.name == 'chroma' }.data.'dead letters by topic'"))
        .as("readiness counts it")
        .contains("brain.postmortems ");
  }

  @Test
  void similarWithoutTextIsABadRequest() {
    api()
        .get("/api/v1/memory/similar")
        .then()
        .statusCode(400)
        .contentType("application/json")
        .body("message", containsString("text is required"));
    api()
        .queryParam("text", "  ")
        .get("/api/v1/memory/similar")
        .then()
        .statusCode(400)
        .body("message", containsString("text is required"));
  }

  @Test
  void similarWithKOutsideOneToFiftyIsABadRequest() {
    for (String k : List.of("0", "51", "-1", "five")) {
      api()
          .queryParam("text", "heap")
          .queryParam("k", k)
          .get("/api/v1/memory/similar")
          .then()
          .statusCode(400)
          .contentType("application/json")
          .body("message", equalTo("k must be a whole number from 1 to 50, was '" + k + "'"));
    }
  }

  @Test
  void theApiAsksForItsKeyHealthDoesNot() {
    given().queryParam("text", "heap").get("/api/v1/memory/similar").then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic(ApiKey.USER, "not-the-key")
        .queryParam("text", "heap")
        .get("/api/v1/memory/similar")
        .then()
        .statusCode(401);
    api().queryParam("text", "heap").get("/api/v1/memory/similar").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
  }

  /** A request with Memory's API key (the test profile's). */
  private static RequestSpecification api() {
    return given().auth().preemptive().basic(ApiKey.USER, "test-api-key");
  }

  @Test
  void readinessIsUpWithChromaAndNamesItsUrl() {
    JsonPath health =
        given().get("/q/health/ready").then().statusCode(200).extract().body().jsonPath();

    assertThat(health.getString("status")).isEqualTo("UP");
    Map<String, Object> chroma = health.getMap("checks.find { it.name == 'chroma' }");
    assertThat(chroma).containsEntry("status", "UP");
    assertThat(health.getString("checks.find { it.name == 'chroma' }.data.url"))
        .isEqualTo(chromaUrl);
  }

  private static String incident(String name) {
    return "INC-test-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void publish(String incidentId, PostmortemWritten postmortem) throws Exception {
    publish(incidentId, Event.of("brain", incidentId, 1, postmortem));
  }

  private static void publish(String incidentId, Event<PostmortemEvent> event) {
    try (var publisher = new EventPublisher(KafkaBroker.shared().clientConfig(), "test")) {
      publisher.publish(Topics.BRAIN_POSTMORTEMS, event);
    }
  }

  /** Memory's side of the recall contract: its answer reads as the golden one does. */
  private static void assertSpeaksTheRecallContract(String question, List<String> stored)
      throws IOException {
    String raw =
        api()
            .queryParam("text", question)
            .queryParam("k", 50)
            .get("/api/v1/memory/similar")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();
    List<SimilarIncident> answer = SimilarIncident.listFrom(raw);
    assertThat(answer).extracting(SimilarIncident::incidentId).containsAll(stored);
    Set<String> contract = new HashSet<>();
    EventJson.mapper()
        .readTree(SimilarIncidentTest.golden())
        .forEach(entry -> entry.fieldNames().forEachRemaining(contract::add));
    EventJson.mapper()
        .readTree(raw)
        .forEach(
            entry ->
                entry
                    .fieldNames()
                    .forEachRemaining(
                        name -> assertThat(contract).as("a contract field").contains(name)));
  }

  private static List<Map<String, Object>> awaitSimilar(
      String text, int k, Predicate<List<Map<String, Object>>> done) throws InterruptedException {
    long deadline = System.nanoTime() + STORED_WITHIN.toNanos();
    List<Map<String, Object>> found = List.of();
    while (System.nanoTime() < deadline) {
      found =
          api()
              .queryParam("text", text)
              .queryParam("k", k)
              .get("/api/v1/memory/similar")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("$");
      if (done.test(found)) {
        return found;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not recalled within " + STORED_WITHIN + ": " + ids(found));
  }

  private static List<Object> ids(List<Map<String, Object>> found) {
    return found.stream().map(entry -> entry.get("incidentId")).toList();
  }

  private static long count() {
    return api()
        .get("/api/v1/memory/count")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("count");
  }

  private static List<String> deadLetterKeys(Duration timeout, String wanted) {
    Map<String, Object> config = new HashMap<>(KafkaBroker.shared().clientConfig());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    String topic = Topics.BRAIN_POSTMORTEMS.deadLetters().name();
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(partition -> new TopicPartition(topic, partition.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<String> keys = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !keys.contains(wanted)) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> keys.add(record.key()));
      }
      return keys;
    }
  }
}
