package io.srespace.evaluation;

import io.srespace.events.PostmortemText;
import io.srespace.events.PostmortemWritten;
import java.io.IOException;
import java.util.List;

/** Memory's recall, as the evaluation checks that a post-mortem was remembered. */
public interface Recall {
  /** How many nearest incidents are asked for when looking for one post-mortem. */
  int RECALL_K = 50;

  /** The incident ids of the {@code k} remembered incidents nearest to {@code text}. */
  List<String> similarIncidentIds(String text, int k) throws IOException;

  /** Whether Memory finds {@code incidentId} among the incidents nearest its own post-mortem. */
  default boolean remembers(String incidentId, PostmortemWritten postmortem) throws IOException {
    return similarIncidentIds(PostmortemText.of(postmortem), RECALL_K).contains(incidentId);
  }
}
