package io.srespace.memory.app;

import io.srespace.memory.chroma.ChromaCollection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Memory can store and recall only while its Chroma server answers. */
@Readiness
@ApplicationScoped
public class ChromaReadiness implements HealthCheck {
  private final ChromaCollection chroma;

  public ChromaReadiness(ChromaCollection chroma) {
    this.chroma = chroma;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("chroma")
            .withData("url", chroma.url().toString())
            .withData("collection", chroma.name());
    try {
      chroma.heartbeat();
      return response.up().build();
    } catch (RuntimeException e) {
      return response.down().withData("error", String.valueOf(e.getMessage())).build();
    }
  }
}
