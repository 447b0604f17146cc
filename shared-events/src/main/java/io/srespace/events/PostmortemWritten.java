package io.srespace.events;

/**
 * The write-up of a verified incident: the Markdown people read and the structured summary Memory
 * embeds and Brain recalls. {@code symptoms} is the incident's signature as Brain describes a new
 * incident when it looks for similar ones; {@code change} is the configuration change when the
 * action was a pull request; {@code issue} is where the incident was recorded (a number or a URL).
 */
public record PostmortemWritten(
    String title,
    String markdown,
    String service,
    FaultClass faultClass,
    RemediationAction action,
    String outcome,
    String rootCause,
    IncidentTimeline timeline,
    String symptoms,
    ConfigChange change,
    String issue)
    implements PostmortemEvent {
  public PostmortemWritten {
    Fields.required(title, "title");
    Fields.required(markdown, "markdown");
    Fields.required(timeline, "timeline");
  }
}
