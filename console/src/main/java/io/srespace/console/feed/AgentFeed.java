package io.srespace.console.feed;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.srespace.console.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Every agent's events as they arrive, to every open page at once: the last ones kept for a page
 * that opens now, the rest streamed. A page too slow to take them misses some; the console goes on.
 */
@ApplicationScoped
public class AgentFeed {
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

  /** The items from now on; what a subscriber cannot take yet is dropped for it alone. */
  public Multi<FeedItem> live() {
    return live.onOverflow().drop();
  }
}
