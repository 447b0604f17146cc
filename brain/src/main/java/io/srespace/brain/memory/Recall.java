package io.srespace.brain.memory;

import io.srespace.events.recall.SimilarIncident;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks Memory, if Brain has one, for the past incidents nearest a text; a memory that is off or
 * cannot answer leaves a note and no incidents, never a failure.
 */
public final class Recall {
  private static final Logger LOG = Logger.getLogger(Recall.class);

  private Recall() {}

  public static List<SimilarIncident> similar(
      Optional<PastIncidents> memory, String text, int k, List<String> notes) {
    if (memory.isEmpty()) {
      notes.add("memory not configured: no past incidents recalled");
      return List.of();
    }
    try {
      return memory.get().similar(text, k);
    } catch (RuntimeException e) {
      notes.add("past incidents not recalled: " + e.getMessage());
      LOG.warnf("past incidents not recalled: %s", e.getMessage());
      return List.of();
    }
  }
}
