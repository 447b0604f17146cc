package io.srespace.scout.app;

import static io.srespace.scout.TestStreams.number;
import static io.srespace.scout.TestStreams.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.srespace.board.Comment;
import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import io.srespace.events.Event;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.kafka.DeadLetter;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Scout as a service on the real broker: spans in, one incident and one issue out. */
@QuarkusTest
@QuarkusTestResource(
    value = KafkaBrokerResource.class,
    initArgs = @ResourceArg(name = "principal", value = "scout"))
class ScoutServiceTest {
  @Inject IncidentBoard board;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @Test
  void aFailingUserServiceOpensOneIncidentAndOneIssueThatClearsWhenItRecovers() throws Exception {
    KafkaBroker kafka = KafkaBroker.shared();
    try (var producer =
        new KafkaProducer<>(
            kafka.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      // Poison and tombstones on the event topics Scout reads must not stop its detection.
      for (String topic : List.of(Topics.SCOUT_ANOMALIES.name(), Topics.BUSINESS_EVENTS.name())) {
        producer.send(new ProducerRecord<>(topic, bytes("user-service"), bytes("not json at all")));
        producer.send(new ProducerRecord<>(topic, bytes("user-service"), null));
      }
      send(producer, Duration.ofSeconds(9), false);
      send(producer, Duration.ofSeconds(8), true);

      Event<IncidentEvent> opened =
          incidentsUntil(kafka, "IncidentOpened", Duration.ofSeconds(20)).get(0);
      assertThat(((IncidentOpened) opened.data()).services()).contains("user-service");
      Issue issue = board.issue(opened.issue()).orElseThrow();
      assertThat(issue.open()).as("the issue is open before the incident is announced").isTrue();
      assertThat(issue.title()).contains("user-service");
      assertThat(issue.body()).contains("| error-rate |").contains(opened.incidentId());

      send(producer, Duration.ofSeconds(6), false);
      List<Event<IncidentEvent>> story =
          incidentsUntil(kafka, "SymptomsCleared", Duration.ofSeconds(15));
      assertThat(story)
          .filteredOn(event -> event.type().equals("IncidentOpened"))
          .as("one incident")
          .hasSize(1);
      assertThat(story).extracting(Event::incidentId).containsOnly(opened.incidentId());
      assertThat(story).extracting(Event::issue).containsOnly(issue.number());
      assertThat(
              awaitComment(issue.number(), "every signal has been normal", Duration.ofSeconds(10)))
          .isTrue();
      assertThat(board.issues(true))
          .filteredOn(i -> i.body().contains(opened.incidentId()))
          .hasSize(1);
    }
    // The poison went to the topics' dead-letter twins, with why and from where; not the
    // tombstones, which are no one's mistake.
    for (String topic : List.of(Topics.SCOUT_ANOMALIES.name(), Topics.BUSINESS_EVENTS.name())) {
      List<DeadLetter> letters = deadLetters(kafka, topic + ".dlq", Duration.ofSeconds(10));
      assertThat(letters).as(topic).hasSize(1);
      DeadLetter letter = letters.get(0);
      assertThat(letter.topic()).isEqualTo(topic);
      assertThat(letter.offset()).isZero();
      assertThat(letter.partition()).isNotNegative();
      assertThat(letter.reason()).containsIgnoringCase("json");
      assertThat(letter.consumer()).isEqualTo("scout");
      assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
    }
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"state\": \"RUNNING\"", "\"dead_letters\": 2");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The records of a dead-letter topic, read from its start for {@code within}. */
  private static List<DeadLetter> deadLetters(KafkaBroker kafka, String topic, Duration within) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<DeadLetter> letters = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline && letters.isEmpty()) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(DeadLetter.from(r)));
      }
      consumer.poll(Duration.ofMillis(500)).forEach(r -> letters.add(DeadLetter.from(r)));
    }
    return letters;
  }

  /** Sends, every 100 ms for {@code duration}, a batch of user-service and quote-service spans. */
  private static void send(
      KafkaProducer<byte[], byte[]> producer, Duration duration, boolean failing)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      ExportTraceServiceRequest request =
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(resource("user-service", 5, failing, false))
              .addResourceSpans(resource("quote-service", 5, failing, true))
              .build();
      producer.send(new ProducerRecord<>(Topics.OTLP_SPANS.name(), request.toByteArray()));
      Thread.sleep(100);
    }
    producer.flush();
  }

  private static ResourceSpans resource(
      String service, int spans, boolean failing, boolean client) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    long now = Instant.now().toEpochMilli() * 1_000_000;
    for (int i = 0; i < spans; i++) {
      byte[] trace = new byte[16];
      ThreadLocalRandom.current().nextBytes(trace);
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(trace))
              .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) i}))
              .setName(client ? "GET" : "GET /users/{customerId}")
              .setKind(client ? Span.SpanKind.SPAN_KIND_CLIENT : Span.SpanKind.SPAN_KIND_SERVER)
              .setStartTimeUnixNano(now - 4_000_000)
              .setEndTimeUnixNano(now)
              .addAttributes(number("http.response.status_code", failing ? 503 : 200))
              .setStatus(
                  Status.newBuilder()
                      .setCode(
                          failing
                              ? Status.StatusCode.STATUS_CODE_ERROR
                              : Status.StatusCode.STATUS_CODE_UNSET));
      if (client) {
        span.addAttributes(text("server.address", "127.0.0.1"))
            .addAttributes(number("server.port", 8082));
      }
      scope.addSpans(span);
    }
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(text("service.name", service)))
        .addScopeSpans(scope)
        .build();
  }

  /** Every event on scout.incidents from the start until one of {@code type} has come. */
  private static List<Event<IncidentEvent>> incidentsUntil(
      KafkaBroker kafka, String type, Duration timeout) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    var topic = Topics.SCOUT_INCIDENTS;
    List<Event<IncidentEvent>> events = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic.name())
          .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          events.add(record.value());
        }
        if (events.stream().anyMatch(event -> event.type().equals(type))) {
          return events;
        }
      }
    }
    throw new AssertionError(
        "no " + type + " on scout.incidents within " + timeout + ": " + events);
  }

  private boolean awaitComment(int issue, String text, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (board.comments(issue, 0).stream()
          .map(Comment::body)
          .anyMatch(body -> body.contains(text))) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }
}
