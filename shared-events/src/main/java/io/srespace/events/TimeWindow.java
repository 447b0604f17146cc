package io.srespace.events;

import java.time.Instant;

/** A half-open interval of time [start, end) over which something was measured. */
public record TimeWindow(Instant start, Instant end) {
  public TimeWindow {
    Fields.required(start, "start");
    Fields.required(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "window ends (%s) before it starts (%s)".formatted(end, start));
    }
  }
}
