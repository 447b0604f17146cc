package io.srespace.events.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.EventTypes;
import io.srespace.events.serde.EventSerde;
import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void theRegistryHasTheTopicsOfTheDesign() {
    assertThat(Topics.all())
        .extracting(Topic::name)
        .containsExactly(
            "otlp_spans",
            "otlp_metrics",
            "business-events",
            "deployments",
            "chaos.faults",
            "scout.anomalies",
            "scout.incidents",
            "brain.diagnoses",
            "fixer.actions",
            "brain.postmortems",
            "memory.records");
  }

  @Test
  void everyEventTypeTravelsOnExactlyOneTopic() {
    for (var type : EventTypes.all()) {
      assertThat(Topics.all())
          .filteredOn(
              topic ->
                  topic.valueSerde() instanceof EventSerde<?> serde
                      && serde.family().isAssignableFrom(type))
          .as(type.getSimpleName())
          .hasSize(1);
    }
  }

  @Test
  void everyTopicHasADeadLetterTopic() {
    assertThat(Topics.allWithDeadLetters()).hasSize(2 * Topics.all().size());
    assertThat(Topics.named("scout.incidents.dlq")).get().matches(Topic::isDeadLetterTopic);
    assertThat(Topics.SCOUT_INCIDENTS.deadLetters().name()).isEqualTo("scout.incidents.dlq");
  }

  @Test
  void theRegistryCannotBeChanged() {
    assertThatThrownBy(() -> Topics.all().add(Topics.OTLP_SPANS))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aTopicNameKafkaWouldRefuseIsRejected() {
    assertThatThrownBy(() -> new Topic<>("bad name!", null, null, 1, "k", "w"))
        .hasMessage("not a valid topic name: bad name!");
  }
}
