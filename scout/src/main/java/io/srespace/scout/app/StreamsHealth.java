package io.srespace.scout.app;

import io.srespace.events.kafka.DeadLetterCount;
import io.srespace.scout.spans.KeyBudget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Scout detects only while its stream client runs: ready while it is running (or rebalancing, as it
 * does when a partition moves), live unless it has stopped for good. Either way it tells how many
 * records went to dead-letter topics (from its streams and its incidents channel) and how many were
 * dropped.
 */
public final class StreamsHealth {
  private StreamsHealth() {}

  static HealthCheckResponse response(
      String name, KafkaStreams streams, DeadLetterCount channels, boolean up) {
    return HealthCheckResponse.named(name)
        .status(up)
        .withData("state", streams.state().name())
        .withData("dead_letters", DeadLetterHandler.sent() + channels.total())
        .withData("dropped", DeadLetterHandler.dropped())
        .withData("span_keys_over_budget", KeyBudget.dropped())
        .build();
  }

  /** Ready while the client runs or rebalances. */
  @Readiness
  @ApplicationScoped
  public static class Ready implements HealthCheck {
    @Inject KafkaStreams streams;
    @Inject DeadLetterCount channels;

    @Override
    public HealthCheckResponse call() {
      return response(
          "scout detection", streams, channels, streams.state().isRunningOrRebalancing());
    }
  }

  /** Live until the client is in ERROR or shutting down: then only a restart brings it back. */
  @Liveness
  @ApplicationScoped
  public static class Live implements HealthCheck {
    @Inject KafkaStreams streams;
    @Inject DeadLetterCount channels;

    @Override
    public HealthCheckResponse call() {
      KafkaStreams.State state = streams.state();
      boolean stopped =
          state == KafkaStreams.State.ERROR
              || state == KafkaStreams.State.PENDING_ERROR
              || state == KafkaStreams.State.NOT_RUNNING
              || state == KafkaStreams.State.PENDING_SHUTDOWN;
      return response("scout detection", streams, channels, !stopped);
    }
  }
}
