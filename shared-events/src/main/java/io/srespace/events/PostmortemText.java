package io.srespace.events;

import java.util.StringJoiner;

/**
 * The compact text a post-mortem is remembered by: what the incident looked like and what fixed it,
 * one line each (title, symptoms, root cause, service, fault, action), not the whole write-up.
 * Memory embeds it; whoever looks a post-mortem up in Memory asks with the same text.
 */
public final class PostmortemText {
  /** Longest part of a free-text field that is kept; MiniLM reads 256 tokens at most. */
  public static final int MAX_FIELD_CHARS = 400;

  private PostmortemText() {}

  public static String of(PostmortemWritten postmortem) {
    StringJoiner text = new StringJoiner("\n");
    text.add(clip(postmortem.title()));
    line(text, "Symptoms", postmortem.symptoms());
    line(text, "Root cause", postmortem.rootCause());
    line(text, "Service", postmortem.service());
    line(text, "Fault", postmortem.faultClass() == null ? null : postmortem.faultClass().id());
    line(text, "Action", postmortem.action() == null ? null : postmortem.action().id());
    return text.toString();
  }

  private static void line(StringJoiner text, String label, String value) {
    if (value != null && !value.isBlank()) {
      text.add(label + ": " + clip(value));
    }
  }

  private static String clip(String value) {
    String trimmed = value.strip();
    return trimmed.length() <= MAX_FIELD_CHARS ? trimmed : trimmed.substring(0, MAX_FIELD_CHARS);
  }
}
