package io.srespace.fixer.app;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Where Fixer's recovery channel starts reading {@code scout.incidents} after a start: at what
 * Scout wrote in the last {@link #LOOK_BACK} (as long as Fixer remembers a finished action, longer
 * than any verification) instead of the topic's beginning, so a start neither reads everything the
 * topic holds nor sends its old undecodable records to the dead-letter topic again. Each partition
 * is placed once; a later rebalance goes on from where the channel was.
 */
@ApplicationScoped
@Identifier(RecentIncidents.NAME)
public class RecentIncidents implements KafkaConsumerRebalanceListener {
  static final String NAME = "fixer-recent-incidents";
  static final Duration LOOK_BACK = ActionPublisher.KEEP_FINISHED;
  private static final Logger LOG = Logger.getLogger(RecentIncidents.class);

  private final Set<TopicPartition> placed = ConcurrentHashMap.newKeySet();

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> since = new HashMap<>();
    long from = Instant.now().minus(LOOK_BACK).toEpochMilli();
    partitions.stream().filter(p -> !placed.contains(p)).forEach(p -> since.put(p, from));
    if (since.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(since);
    Map<TopicPartition, Long> ends = consumer.endOffsets(since.keySet());
    for (TopicPartition partition : since.keySet()) {
      OffsetAndTimestamp at = found.get(partition);
      long offset = at == null ? ends.get(partition) : at.offset();
      consumer.seek(partition, offset);
      placed.add(partition);
      LOG.debugf("recovery reads %s from offset %d (the last %s)", partition, offset, LOOK_BACK);
    }
  }
}
