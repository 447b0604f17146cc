package io.srespace.events.recall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.srespace.events.ConfigChange;
import io.srespace.events.FaultClass;
import io.srespace.events.RemediationAction;
import io.srespace.events.serde.EventJson;
import java.time.Instant;
import java.util.List;

/**
 * One answer of Memory's recall API ({@code GET /api/v1/memory/similar}), the contract between
 * Memory and its callers: a remembered incident, how far it is from the text asked about (cosine
 * distance, 0 for the same direction, up to 2), and what was found and done then.
 */
public record SimilarIncident(
    String incidentId,
    double distance,
    String title,
    String service,
    FaultClass faultClass,
    RemediationAction action,
    String outcome,
    String issue,
    ConfigChange change,
    String rootCause,
    Instant resolvedAt) {

  private static final ObjectMapper JSON = EventJson.mapper();

  /** The recall API's answer as JSON: the one way Memory writes it. */
  public static String json(List<SimilarIncident> answer) {
    try {
      return JSON.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a recall answer: " + e.getMessage(), e);
    }
  }

  /** Reads the recall API's answer: the one way its callers read it. */
  public static List<SimilarIncident> listFrom(String json) throws JsonProcessingException {
    SimilarIncident[] answer = JSON.readValue(json, SimilarIncident[].class);
    if (answer == null) {
      throw new JsonMappingException(null, "the recall answer is null, not a list");
    }
    return List.of(answer);
  }

  /** Whether the remembered fix was proven to work. */
  public boolean verified() {
    return "verified".equals(outcome);
  }
}
