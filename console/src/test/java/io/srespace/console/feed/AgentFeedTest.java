package io.srespace.console.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.srespace.console.TestConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentFeedTest {
  private final AgentFeed feed = new AgentFeed(TestConfig.defaults());

  @Test
  void aPageThatIsBehindGetsEveryItemOnceItTakesThemWithinTheBurst() {
    AssertSubscriber<FeedItem> page =
        feed.live().subscribe().withSubscriber(AssertSubscriber.create(0));

    publish(AgentFeed.BURST);
    assertThat(page.getItems()).isEmpty();
    page.request(AgentFeed.BURST);

    assertThat(page.getItems()).hasSize(AgentFeed.BURST);
    assertThat(page.getItems().get(0).eventId()).isEqualTo("e0");
    page.assertNotTerminated();
  }

  @Test
  void aPageTooFarBehindHasItsStreamEndedAndTheOthersGoOn() {
    AssertSubscriber<FeedItem> stuck =
        feed.live().subscribe().withSubscriber(AssertSubscriber.create(0));
    AssertSubscriber<FeedItem> keeping =
        feed.live().subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

    publish(AgentFeed.BURST + 1);

    stuck.assertCompleted();
    keeping.assertNotTerminated();
    assertThat(keeping.getItems()).hasSize(AgentFeed.BURST + 1);
    assertThat(feed.recent()).hasSize(500);
  }

  private void publish(int count) {
    for (int i = 0; i < count; i++) {
      feed.publish(
          new FeedItem("e" + i, Instant.now(), "scout", "AnomalyDetected", null, null, "x"));
    }
  }
}
