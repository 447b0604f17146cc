package io.srespace.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.Event;
import io.srespace.events.FaultCleared;
import io.srespace.events.GoldenEvents;
import io.srespace.events.IncidentEvent;
import io.srespace.events.IncidentOpened;
import io.srespace.events.SymptomsCleared;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDecodingTest {
  private final EventDeserializer<IncidentEvent> incidents =
      new EventDeserializer<>(IncidentEvent.class);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON at all           | not json        | not valid JSON",
        "truncated JSON            | '{\"type\":'    | not valid JSON",
        "a JSON array              | '[1,2]'         | expected a JSON object",
        "no type                   | '{\"data\":{}}' | envelope has no 'type'",
        "a type nobody knows       | '{\"type\":\"PizzaOrdered\",\"data\":{}}' | unknown event type 'PizzaOrdered'",
        "no data                   | '{\"type\":\"SymptomsCleared\"}' | SymptomsCleared has no 'data' object",
      })
  void malformedBytesRaiseOneClearErrorNamingTheTopic(String why, String bytes, String reason) {
    assertThatThrownBy(() -> incidents.deserialize("scout.incidents", utf8(bytes)))
        .as(why)
        .isInstanceOf(EventDecodingException.class)
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot decode event from topic scout.incidents: ")
        .hasMessageContaining(reason)
        .satisfies(
            e -> assertThat(((EventDecodingException) e).topic()).isEqualTo("scout.incidents"));
  }

  @Test
  void anEventOfAnotherFamilyIsRejected() {
    byte[] chaos = GoldenEvents.bytes(FaultCleared.class);

    assertThatThrownBy(() -> incidents.deserialize("scout.incidents", chaos))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining(
            "a FaultCleared is not one of the IncidentEvent events expected here");
  }

  @Test
  void aValueTheRecordRejectsIsReportedWithTheRecordsReason() {
    String golden = new String(GoldenEvents.bytes(IncidentOpened.class), StandardCharsets.UTF_8);
    byte[] noTitle = utf8(golden.replaceFirst("\"title\" *: *\"[^\"]*\",", ""));

    assertThatThrownBy(() -> incidents.deserialize("scout.incidents", noTitle))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("invalid IncidentOpened data (title is required)");
  }

  @Test
  void anIncidentEventWithoutIncidentIdIsRejected() {
    String golden = new String(GoldenEvents.bytes(SymptomsCleared.class), StandardCharsets.UTF_8);
    byte[] noIncident = utf8(golden.replaceFirst("\"incidentId\" *: *\"[^\"]*\",", ""));

    assertThatThrownBy(() -> incidents.deserialize("scout.incidents", noIncident))
        .hasMessageContaining("invalid envelope: SymptomsCleared needs an incidentId");
  }

  @Test
  void theErrorShowsHowTheBytesStartAndHowManyThereAre() {
    byte[] bytes = utf8("GET / HTTP/1.1\r\nHost: x\r\n" + "x".repeat(200));

    assertThatThrownBy(() -> incidents.deserialize("scout.incidents", bytes))
        .hasMessageContaining("bytes: 'GET / HTTP/1.1??Host: x??xxx")
        .hasMessageContaining("…' (225 bytes)");
  }

  @Test
  void aRecordsPartitionAndOffsetAreNamed() {
    var record = new ConsumerRecord<>("scout.incidents", 1, 42L, "INC-1", utf8("{oops"));

    assertThatThrownBy(() -> EventJson.read(record, IncidentEvent.class))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageStartingWith(
            "cannot decode event from topic scout.incidents partition 1 offset 42: not valid JSON")
        .satisfies(
            e -> {
              EventDecodingException error = (EventDecodingException) e;
              assertThat(error.partition()).isEqualTo(1);
              assertThat(error.offset()).isEqualTo(42L);
            });
  }

  @Test
  void aTombstoneStaysNull() {
    assertThat(incidents.deserialize("scout.incidents", null)).isNull();
  }

  @Test
  void theNoArgumentDeserializerReadsEveryFamily() {
    EventDeserializer<?> any = new EventDeserializer<>();

    Event<?> event = any.deserialize("chaos.faults", GoldenEvents.bytes(FaultCleared.class));

    assertThat(event.data()).isInstanceOf(FaultCleared.class);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
