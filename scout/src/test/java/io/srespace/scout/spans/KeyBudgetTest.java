package io.srespace.scout.spans;

import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.knowledge.KnowledgeGraph;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Span attributes cannot make Scout follow unbounded services: the graph's always, others capped.
 */
class KeyBudgetTest {
  private static final KnowledgeGraph GRAPH =
      KnowledgeGraph.load(Path.of("..", "infra", "topology.yaml"));

  @Test
  void theGraphsServicesAndCallsAlwaysCountAndOnlyTheLimitOfOthers() {
    KeyBudget budget = new KeyBudget(GRAPH, 3);
    long droppedBefore = KeyBudget.dropped();

    for (int i = 0; i < 50; i++) {
      assertThat(budget.test(SpanKey.service("user-service"))).isTrue();
      assertThat(budget.test(SpanKey.edge("quote-service", "user-service"))).isTrue();
    }
    int admitted = 0;
    for (int i = 0; i < 100; i++) {
      if (budget.test(SpanKey.service("made-up-" + i))) {
        admitted++;
      }
    }
    for (int i = 0; i < 100; i++) {
      assertThat(budget.test(SpanKey.edge("quote-service", "10.0.0." + i + ":80"))).isFalse();
    }

    assertThat(admitted).isEqualTo(3);
    assertThat(budget.test(SpanKey.service("made-up-1"))).as("one already followed").isTrue();
    assertThat(KeyBudget.dropped() - droppedBefore).isEqualTo(97 + 100);
  }

  @Test
  void aKeyUnseenForTenMinutesMakesRoomForANewOne() {
    MutableClock clock = new MutableClock();
    KeyBudget budget = new KeyBudget(GRAPH, 1, clock);

    assertThat(budget.test(SpanKey.service("first"))).isTrue();
    assertThat(budget.test(SpanKey.service("second"))).isFalse();
    clock.now = clock.now.plus(KeyBudget.HOLD).plusSeconds(1);

    assertThat(budget.test(SpanKey.service("second"))).isTrue();
    assertThat(budget.test(SpanKey.service("first"))).as("its place was taken").isFalse();
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-03T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
