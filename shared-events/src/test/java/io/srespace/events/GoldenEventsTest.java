package io.srespace.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.srespace.events.serde.EventJson;
import io.srespace.events.topics.Topic;
import io.srespace.events.topics.Topics;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenEventsTest {
  private final ObjectMapper json = EventJson.mapper();

  static Stream<Class<? extends EventPayload>> eventTypes() {
    return GoldenEvents.types().stream();
  }

  @Test
  void everyEventOfTheDesignIsARegisteredType() {
    assertThat(GoldenEvents.types())
        .extracting(EventTypes::nameOf)
        .containsExactlyInAnyOrder(
            "QuoteRequested",
            "QuotePurchased",
            "PurchaseRejected",
            "FaultInjected",
            "FaultCleared",
            "DeploymentChanged",
            "AnomalyDetected",
            "IncidentOpened",
            "IncidentUpdated",
            "SymptomsCleared",
            "DiagnosisMade",
            "RemediationRequested",
            "ApprovalRequested",
            "RemediationApplied",
            "RemediationFailed",
            "RemediationVerified",
            "RemediationRolledBack",
            "PostmortemRemembered",
            "PostmortemWritten");
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void everyEventTypeHasAGoldenFile(Class<? extends EventPayload> type) {
    assertThat(GoldenEvents.exists(type)).as(GoldenEvents.path(type)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void goldenFileReadsAsItsTypeAndWritesBackUnchanged(Class<? extends EventPayload> type)
      throws Exception {
    byte[] golden = GoldenEvents.bytes(type);

    Event<EventPayload> event = EventJson.read(golden);

    assertThat(event.data()).isInstanceOf(type);
    assertThat(event.type()).isEqualTo(type.getSimpleName());
    assertThat(json.readTree(EventJson.write(event))).isEqualTo(json.readTree(golden));
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void goldenFileRoundTripsThroughItsTopicsSerde(Class<? extends EventPayload> type) {
    Topic<?, ?> topic = Topics.carrying(type).orElseThrow();
    @SuppressWarnings("unchecked")
    Serde<Event<?>> serde = (Serde<Event<?>>) topic.valueSerde();
    Event<EventPayload> event = GoldenEvents.event(type);

    byte[] bytes = serde.serializer().serialize(topic.name(), event);

    assertThat(serde.deserializer().deserialize(topic.name(), bytes)).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("eventTypes")
  void fieldsAddedByANewerProducerAreIgnored(Class<? extends EventPayload> type) throws Exception {
    ObjectNode newer = (ObjectNode) json.readTree(GoldenEvents.bytes(type));
    newer.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    ((ObjectNode) newer.get("data")).putObject("addedInVersion2").put("region", "eu-west-1");

    Event<EventPayload> read = EventJson.read(json.writeValueAsBytes(newer));

    assertThat(read).isEqualTo(GoldenEvents.event(type));
  }

  @Test
  void enumsAreWrittenInKebabCaseAsPeopleTypeThem() throws Exception {
    JsonNode injected = json.readTree(GoldenEvents.bytes(FaultInjected.class));

    assertThat(injected.at("/data/fault").asText()).isEqualTo("memory-leak");
    assertThat(((FaultInjected) GoldenEvents.event(FaultInjected.class).data()).fault())
        .isEqualTo(Fault.MEMORY_LEAK);
  }
}
