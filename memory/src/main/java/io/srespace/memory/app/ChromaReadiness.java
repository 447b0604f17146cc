package io.srespace.memory.app;

import io.srespace.events.kafka.DeadLetterCount;
import io.srespace.memory.chroma.ChromaCollection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Memory can store and recall only while its Chroma server answers; says too how many post-mortem
 * records went to the dead-letter topic.
 */
@Readiness
@ApplicationScoped
public class ChromaReadiness implements HealthCheck {
  private final ChromaCollection chroma;
  private final DeadLetterCount deadLetters;

  public ChromaReadiness(ChromaCollection chroma, DeadLetterCount deadLetters) {
    this.chroma = chroma;
    this.deadLetters = deadLetters;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("chroma")
            .withData("url", chroma.url().toString())
            .withData("collection", chroma.name())
            .withData("dead letters", deadLetters.total())
            .withData("dead letters by topic", deadLetters.describe());
    try {
      chroma.heartbeat();
      return response.up().build();
    } catch (RuntimeException e) {
      return response.down().withData("error", String.valueOf(e.getMessage())).build();
    }
  }
}
