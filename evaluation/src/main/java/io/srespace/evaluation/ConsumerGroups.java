package io.srespace.evaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Whether the agents' consumers are consuming: each of their groups stable with a member, as the
 * broker sees it. A group that is rebalancing after a restart is given time to settle.
 */
final class ConsumerGroups {
  /** The agents' consumer groups (Fixer's recovery channel has a group per start, not listed). */
  static final List<String> AGENTS =
      List.of("scout", "scout-issues", "brain", "brain-actions", "fixer", "memory");

  private final Map<String, Object> admin;
  private final List<String> names;

  /** The groups {@code names}, as {@code admin} (a user who may describe them) sees them. */
  ConsumerGroups(Map<String, Object> admin, List<String> names) {
    this.admin = Map.copyOf(admin);
    this.names = List.copyOf(names);
  }

  /**
   * The groups not stable with a member after waiting up to {@code limit}, each with the state it
   * was left in.
   */
  List<String> stopped(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<String> stopped;
    try (Admin client = Admin.create(admin)) {
      do {
        stopped = new ArrayList<>();
        Map<String, KafkaFuture<ConsumerGroupDescription>> groups =
            client.describeConsumerGroups(names).describedGroups();
        for (String group : names) {
          try {
            ConsumerGroupDescription found = groups.get(group).get(10, TimeUnit.SECONDS);
            if (found.groupState() != GroupState.STABLE || found.members().isEmpty()) {
              stopped.add(
                  "%s (%s, %d member(s))"
                      .formatted(group, found.groupState(), found.members().size()));
            }
          } catch (ExecutionException e) {
            stopped.add(
                e.getCause() instanceof GroupIdNotFoundException
                    ? group + " (unknown to the broker, 0 member(s))"
                    : "%s (not described: %s)".formatted(group, e.getCause().getMessage()));
          } catch (TimeoutException e) {
            stopped.add(group + " (not described within 10 s)");
          }
        }
        if (stopped.isEmpty()) {
          return stopped;
        }
        Thread.sleep(1_000);
      } while (System.nanoTime() < deadline);
    }
    return stopped;
  }
}
