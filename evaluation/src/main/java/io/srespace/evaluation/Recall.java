package io.srespace.evaluation;

import java.io.IOException;
import java.util.List;

/** Memory's recall, as the evaluation checks that a post-mortem was remembered. */
public interface Recall {
  /** The incident ids of the {@code k} remembered incidents nearest to {@code text}. */
  List<String> similarIncidentIds(String text, int k) throws IOException;
}
