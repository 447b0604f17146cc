package io.srespace.scout.app;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

/**
 * Stops Kafka Streams first on shutdown, within a bound, and logs how long it took. (Asking to
 * leave the group only takes effect for static members; a restarted Scout gets its partitions back
 * once the old member's session times out, which is why that session is short in
 * application.properties.)
 */
@Singleton
public class StreamsShutdown {
  private static final Logger LOG = Logger.getLogger(StreamsShutdown.class);
  private static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

  void stop(@Observes ShutdownEvent shutdown, KafkaStreams streams) {
    long started = System.nanoTime();
    boolean closed =
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_WITHIN));
    LOG.infof(
        "Kafka Streams %s in %d ms",
        closed ? "closed" : "did not close", (System.nanoTime() - started) / 1_000_000);
  }
}
