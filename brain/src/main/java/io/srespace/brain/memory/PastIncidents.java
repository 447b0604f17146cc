package io.srespace.brain.memory;

import io.srespace.events.recall.SimilarIncident;
import java.util.List;

/** Where Brain recalls incidents like a new one: Memory, which owns the embeddings. */
public interface PastIncidents {
  /**
   * The {@code k} nearest past incidents to a description, nearest first.
   *
   * @throws MemoryUnavailableException when the memory cannot be asked
   */
  List<SimilarIncident> similar(String text, int k);

  String describe();
}
