package io.srespace.events;

/**
 * The write-up of a verified incident: the Markdown people read and the structured summary Memory
 * embeds and Brain recalls.
 */
public record PostmortemWritten(
    String title,
    String markdown,
    String service,
    FaultClass faultClass,
    RemediationAction action,
    String outcome,
    String rootCause,
    IncidentTimeline timeline)
    implements PostmortemEvent {
  public PostmortemWritten {
    Fields.required(title, "title");
    Fields.required(markdown, "markdown");
    Fields.required(timeline, "timeline");
  }
}
