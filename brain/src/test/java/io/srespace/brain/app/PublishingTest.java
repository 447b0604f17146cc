package io.srespace.brain.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.Event;
import io.srespace.events.SymptomsCleared;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A publish the broker did not take is tried again; an event whose handling failed stays new. */
class PublishingTest {
  private final Publishing publishing = new Publishing(Duration.ofMillis(10));

  @Test
  void aPublishThatFailsTwiceIsTriedAgainUntilItIsTaken() {
    AtomicInteger calls = new AtomicInteger();

    publishing.run(
        () -> {
          if (calls.incrementAndGet() < 3) {
            throw new IllegalStateException("not published: broker unreachable");
          }
        });

    assertThat(calls).hasValue(3);
  }

  @Test
  void aPublishThatNeverSucceedsFailsWithItsReasonAfterEveryAttempt() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                publishing.run(
                    () -> {
                      calls.incrementAndGet();
                      throw new IllegalStateException("not published: broker unreachable");
                    }))
        .hasMessageContaining("broker unreachable");
    assertThat(calls).hasValue(Publishing.ATTEMPTS);
  }

  @Test
  void anEventWhoseHandlingFailedIsHandledWhenItComesAgain() {
    IncidentLedger ledger = new IncidentLedger();
    ledger.ready();
    Event<SymptomsCleared> event =
        Event.of("scout", "INC-1", 1, new SymptomsCleared(Instant.now(), 30));
    AtomicInteger handled = new AtomicInteger();

    assertThatThrownBy(
            () ->
                ledger.once(
                    event,
                    () -> {
                      throw new IllegalStateException("not published");
                    }))
        .hasMessage("not published");
    ledger.once(event, handled::incrementAndGet);
    ledger.once(event, handled::incrementAndGet);

    assertThat(handled).as("once, at the redelivery").hasValue(1);
  }
}
