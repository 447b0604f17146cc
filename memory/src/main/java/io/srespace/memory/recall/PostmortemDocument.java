package io.srespace.memory.recall;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import io.srespace.events.ConfigChange;
import io.srespace.events.IncidentTimeline;
import io.srespace.events.PostmortemWritten;
import io.srespace.events.RemediationAction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What Memory keeps of one post-mortem: a compact text to embed (what the incident looked like and
 * what fixed it, not the whole write-up) and the facts recalled with it, keyed by the incident id.
 */
public record PostmortemDocument(String incidentId, String text, Map<String, String> metadata) {
  /** Longest part of a free-text field that is embedded; MiniLM reads 256 tokens at most. */
  static final int MAX_FIELD_CHARS = 400;

  public PostmortemDocument {
    if (incidentId == null || incidentId.isBlank()) {
      throw new IllegalArgumentException("a post-mortem document needs an incident id");
    }
    metadata = Map.copyOf(metadata);
  }

  public static PostmortemDocument of(String incidentId, PostmortemWritten postmortem) {
    return new PostmortemDocument(incidentId, text(postmortem), metadata(incidentId, postmortem));
  }

  /** The text and metadata as langchain4j stores them. */
  public TextSegment segment() {
    return TextSegment.from(text, Metadata.from(metadata));
  }

  static String text(PostmortemWritten postmortem) {
    StringJoiner text = new StringJoiner("\n");
    text.add(clip(postmortem.title()));
    line(text, "Symptoms", postmortem.symptoms());
    line(text, "Root cause", postmortem.rootCause());
    line(text, "Service", postmortem.service());
    line(text, "Fault", postmortem.faultClass() == null ? null : postmortem.faultClass().id());
    line(text, "Action", id(postmortem.action()));
    return text.toString();
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
    put(metadata, "action", id(postmortem.action()));
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

  /** The kebab-case name events carry: {@code pull-request}. */
  static String id(RemediationAction action) {
    return action == null ? null : action.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static void line(StringJoiner text, String label, String value) {
    if (value != null && !value.isBlank()) {
      text.add(label + ": " + clip(value));
    }
  }

  private static void put(Map<String, String> metadata, String key, String value) {
    if (value != null && !value.isBlank()) {
      metadata.put(key, value);
    }
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String clip(String value) {
    String trimmed = value.strip();
    return trimmed.length() <= MAX_FIELD_CHARS ? trimmed : trimmed.substring(0, MAX_FIELD_CHARS);
  }
}
