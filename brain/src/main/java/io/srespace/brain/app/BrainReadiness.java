package io.srespace.brain.app;

import io.srespace.brain.memory.PastIncidents;
import io.srespace.brain.traces.TraceStore;
import io.srespace.events.kafka.DeadLetterCount;
import io.srespace.knowledge.KnowledgeGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the knowledge graph is loaded; says which trace store and memory Brain uses and
 * whether the trace store answers (Brain still diagnoses on Scout's evidence when it does not), and
 * how many records its channels sent to dead-letter topics.
 */
@Readiness
@ApplicationScoped
public class BrainReadiness implements HealthCheck {
  private final KnowledgeGraph graph;
  private final Optional<TraceStore> traces;
  private final Optional<PastIncidents> memory;
  private final IncidentLedger ledger;
  private final DeadLetterCount deadLetters;

  public BrainReadiness(
      KnowledgeGraph graph,
      Optional<TraceStore> traces,
      Optional<PastIncidents> memory,
      IncidentLedger ledger,
      DeadLetterCount deadLetters) {
    this.graph = graph;
    this.traces = traces;
    this.memory = memory;
    this.ledger = ledger;
    this.deadLetters = deadLetters;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("brain")
            .up()
            .withData("services known", graph.services().size())
            .withData("incidents followed", ledger.following())
            .withData("memory", memory.map(PastIncidents::describe).orElse("off"))
            .withData("dead letters", deadLetters.total())
            .withData("dead letters by topic", deadLetters.describe());
    if (traces.isEmpty()) {
      return response.withData("traces", "off").build();
    }
    try {
      int seen = traces.get().services().size();
      return response
          .withData("traces", traces.get().describe() + ": " + seen + " services")
          .build();
    } catch (RuntimeException e) {
      return response
          .withData("traces", traces.get().describe() + " unreachable: " + e.getMessage())
          .build();
    }
  }
}
