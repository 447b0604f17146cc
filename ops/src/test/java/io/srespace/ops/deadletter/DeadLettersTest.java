package io.srespace.ops.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.kafka.DeadLetter;
import io.srespace.events.topics.Topics;
import io.srespace.kafka.broker.KafkaBroker;
import io.srespace.kafka.broker.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ./sre-space dead-letters} on the real broker: what it lists, and what it leaves out. */
@ExtendWith(KafkaBrokerExtension.class)
class DeadLettersTest {
  @Test
  void listsEachDeadLetterWithWhereItCameFromWhoGaveUpAndWhyAsOneSafeLine(KafkaBroker kafka)
      throws Exception {
    Instant start = Instant.now();
    try (var producer =
        new KafkaProducer<>(
            kafka.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      // Older than the window: left out.
      producer
          .send(
              new DeadLetter(
                      "brain.diagnoses",
                      0,
                      3,
                      "old",
                      "fixer",
                      null,
                      bytes("old"),
                      start.minus(Duration.ofHours(2)))
                  .toRecord())
          .get();
      producer
          .send(
              DeadLetter.of(
                      "scout.anomalies",
                      1,
                      42,
                      new IllegalArgumentException("not valid JSON\n\u001b[31mred"),
                      "scout",
                      bytes("user-service"),
                      bytes("not json at all\r\n\u001b]0;title\u0007"))
                  .toRecord())
          .get();
      // As SmallRye's strategy writes one: its own headers, no consumer named.
      var smallrye =
          new ProducerRecord<byte[], byte[]>(
              Topics.BRAIN_POSTMORTEMS.deadLetters().name(), bytes("INC-1"), bytes("{}"));
      smallrye.headers().add(DeadLetter.REASON, bytes("Chroma refused it"));
      smallrye.headers().add(DeadLetter.TOPIC, bytes("brain.postmortems"));
      smallrye.headers().add(DeadLetter.PARTITION, bytes("0"));
      smallrye.headers().add(DeadLetter.OFFSET, bytes("7"));
      producer.send(smallrye).get();
    }

    Map<String, List<DeadLetter>> found =
        new DeadLetters(kafka.clientConfig()).since(start.minus(Duration.ofHours(1)));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int count =
        DeadLetters.print(
            found, Duration.ofHours(1), new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);

    assertThat(count).isEqualTo(2);
    assertThat(found).containsOnlyKeys("scout.anomalies.dlq", "brain.postmortems.dlq");
    assertThat(text)
        .contains("scout.anomalies[1]@42  by scout: IllegalArgumentException: not valid JSON")
        .contains("value: not json at all")
        .contains("brain.postmortems[0]@7  by ?: Chroma refused it")
        .endsWith("2 dead letters in the last 1 h, in 2 topics\n")
        .doesNotContain("old")
        .doesNotContain("\u001b")
        .doesNotContain("\u0007");
    assertThat(text.lines()).hasSize(7);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
