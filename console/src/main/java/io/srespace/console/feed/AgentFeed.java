package io.srespace.console.feed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.srespace.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Every agent's events as they arrive, to every open page at once: the last ones kept for a page
 * that opens now, the rest streamed. A page that falls {@value #BURST} items behind has its stream
 * ended (it reconnects and reads the recent ones again); the console goes on.
 */
@ApplicationScoped
public class AgentFeed {
  /** How far a page may fall behind the live items before its stream is ended. */
  static final int BURST = 500;

  private final BroadcastProcessor<FeedItem> live = BroadcastProcessor.create();
  private final Deque<FeedItem> recent = new ArrayDeque<>();
  private final int keep;

  public AgentFeed(ConsoleConfig config) {
    this.keep = config.feedKept();
  }

  public void publish(FeedItem item) {
    synchronized (recent) {
      recent.addLast(item);
      while (recent.size() > keep) {
        recent.removeFirst();
      }
    }
    live.onNext(item);
  }

  /** The last items, oldest first. */
  public List<FeedItem> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  /**
   * The items from now on; up to {@value #BURST} wait for a subscriber that cannot take them yet,
   * and beyond that its stream completes, for it alone.
   */
  public Multi<FeedItem> live() {
    return live.onOverflow()
        .buffer(BURST)
        .onFailure(BackPressureFailure.class)
        .recoverWithCompletion();
  }
}
