package io.srespace.brain.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.events.FaultClass;
import io.srespace.knowledge.KnowledgeGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TextEntitiesTest {
  static final KnowledgeGraph GRAPH = KnowledgeGraph.load(Path.of("../infra/topology.yaml"));

  @Test
  void readsServicesByFullOrShortNameAndSymptomsAsFaultClasses() {
    TextEntities entities =
        TextEntities.of(
            "Pod policy-service keeps restarting in prod; the user service is slow", GRAPH);
    assertThat(entities.services()).containsExactlyInAnyOrder("policy-service", "user-service");
    assertThat(entities.symptoms())
        .extracting(TextEntities.Symptom::faultClass)
        .containsExactly(FaultClass.UNAVAILABLE, FaultClass.LATENCY);
    assertThat(entities.suggestedClass()).isEqualTo(FaultClass.UNAVAILABLE);
  }

  @Test
  void aBrokenJourneyAndAnExhaustedPoolAreRecognised() {
    assertThat(TextEntities.of("purchases stopped, everything is rejected", GRAPH).suggestedClass())
        .isEqualTo(FaultClass.WRONG_RESULT);
    assertThat(
            TextEntities.of("Acquisition timeout: the pool is exhausted", GRAPH).suggestedClass())
        .isEqualTo(FaultClass.RESOURCE_EXHAUSTION);
  }

  @Test
  void wordsInsideOtherWordsAreNotServicesOrSymptoms() {
    TextEntities entities = TextEntities.of("the quotation downloads are fine", GRAPH);
    assertThat(entities.services()).isEmpty();
    assertThat(entities.symptoms()).isEmpty();
  }
}
