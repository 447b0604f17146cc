package io.srespace.events;

/**
 * Memory holds an incident's post-mortem: the next similar incident will find it. {@code service},
 * {@code faultClass} and {@code action} are what it is recalled by, as the post-mortem said them
 * (null where it did not).
 */
public record PostmortemRemembered(
    String title, String service, FaultClass faultClass, RemediationAction action)
    implements MemoryEvent {
  public PostmortemRemembered {
    Fields.required(title, "title");
  }
}
