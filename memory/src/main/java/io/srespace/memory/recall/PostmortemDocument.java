package io.srespace.memory.recall;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import io.srespace.events.ConfigChange;
import io.srespace.events.FaultClass;
import io.srespace.events.IncidentTimeline;
import io.srespace.events.PostmortemText;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import io.srespace.events.recall.SimilarIncident;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What Memory keeps of one post-mortem: a compact text to embed (what the incident looked like and
 * what fixed it, not the whole write-up) and the facts recalled with it, keyed by the incident id.
 */
public record PostmortemDocument(String incidentId, String text, Map<String, String> metadata) {
  public PostmortemDocument {
    if (incidentId == null || incidentId.isBlank()) {
      throw new IllegalArgumentException("a post-mortem document needs an incident id");
    }
    metadata = Map.copyOf(metadata);
  }

  public static PostmortemDocument of(String incidentId, PostmortemWritten postmortem) {
    return new PostmortemDocument(
        incidentId, PostmortemText.of(postmortem), metadata(incidentId, postmortem));
  }

  /** The text and metadata as langchain4j stores them. */
  public TextSegment segment() {
    return TextSegment.from(text, Metadata.from(metadata));
  }

  static Map<String, String> metadata(String incidentId, PostmortemWritten postmortem) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("incidentId", incidentId);
    metadata.put("title", postmortem.title());
    put(metadata, "service", postmortem.service());
    put(
        metadata,
        "faultClass",
        postmortem.faultClass() == null ? null : postmortem.faultClass().id());
    put(metadata, "action", postmortem.action() == null ? null : postmortem.action().id());
    put(metadata, "outcome", postmortem.outcome());
    put(metadata, "rootCause", postmortem.rootCause());
    put(metadata, "issue", postmortem.issue());
    ConfigChange change = postmortem.change();
    if (change != null) {
      put(metadata, "changeFile", change.file());
      put(metadata, "changeKey", change.key());
      put(metadata, "changeFrom", change.from());
      put(metadata, "changeTo", change.to());
    }
    IncidentTimeline timeline = postmortem.timeline();
    put(metadata, "detectedAt", instant(timeline.detectedAt()));
    put(metadata, "resolvedAt", instant(timeline.resolvedAt()));
    return metadata;
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null && !value.isBlank()) {
      metadata.put(key, value);
    }
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** Reads back the metadata {@link #of} stored, as Memory's recall API answers. */
  public static SimilarIncident recalled(
      String incidentId, double distance, Map<String, ?> metadata) {
    ConfigChange change =
        metadata.get("changeFile") == null || metadata.get("changeTo") == null
            ? null
            : new ConfigChange(
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
        named(FaultClass.values(), FaultClass::id, text(metadata, "faultClass")),
        named(RemediationAction.values(), RemediationAction::id, text(metadata, "action")),
        text(metadata, "outcome"),
        text(metadata, "issue"),
        change,
        text(metadata, "rootCause"),
        resolvedAt == null ? null : Instant.parse(resolvedAt));
  }

  private static <E> E named(E[] values, Function<E, String> id, String text) {
    return Arrays.stream(values).filter(v -> id.apply(v).equals(text)).findFirst().orElse(null);
  }

  private static String text(Map<String, ?> metadata, String key) {
    Object value = metadata.get(key);
    return value == null ? null : value.toString();
  }
}
