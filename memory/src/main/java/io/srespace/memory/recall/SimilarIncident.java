package io.srespace.memory.recall;

import java.time.Instant;
import java.util.Map;

/**
 * A remembered incident as a recall returns it: how far it is from the text asked about (cosine
 * distance, 0 for the same direction, up to 2) and what was found and done then.
 */
public record SimilarIncident(
    String incidentId,
    double distance,
    String title,
    String service,
    String faultClass,
    String action,
    String outcome,
    String issue,
    Change change,
    String rootCause,
    Instant resolvedAt) {

  /** The configuration change of a pull request: one key of one file, from one value to another. */
  public record Change(String file, String key, String from, String to) {}

  /** Reads back the metadata {@link PostmortemDocument} stored. */
  public static SimilarIncident recalled(
      String incidentId, double distance, Map<String, ?> metadata) {
    Change change =
        metadata.get("changeFile") == null
            ? null
            : new Change(
                text(metadata, "changeFile"),
                text(metadata, "changeKey"),
                text(metadata, "changeFrom"),
                text(metadata, "changeTo"));
    String resolvedAt = text(metadata, "resolvedAt");
    return new SimilarIncident(
        incidentId,
        distance,
        text(metadata, "title"),
        text(metadata, "service"),
        text(metadata, "faultClass"),
        text(metadata, "action"),
        text(metadata, "outcome"),
        text(metadata, "issue"),
        change,
        text(metadata, "rootCause"),
        resolvedAt == null ? null : Instant.parse(resolvedAt));
  }

  private static String text(Map<String, ?> metadata, String key) {
    Object value = metadata.get(key);
    return value == null ? null : value.toString();
  }
}
