package io.srespace.events.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a consumer does with a record its deserializer gave no event for. A channel that does not
 * fail on a deserialization failure hands the consumer {@code null} and says why in the record's
 * headers; a tombstone (a record without a value) is {@code null} too, but no one's mistake.
 */
public final class Undecoded {
  /** The header SmallRye's Kafka connector sets when a record could not be deserialized. */
  public static final String FAILURE_REASON = "deserialization-failure-reason";

  private Undecoded() {}

  /**
   * Whether there is an event to handle: {@code true} for one; {@code false} for a tombstone, to be
   * skipped; and for a record that could not be decoded, an {@link IllegalArgumentException} with
   * the deserializer's reason, so that the channel's failure strategy sends it to the dead-letter
   * topic.
   */
  public static boolean isEvent(Object event, Headers headers) {
    if (event != null) {
      return true;
    }
    Header reason = headers == null ? null : headers.lastHeader(FAILURE_REASON);
    if (reason == null) {
      return false;
    }
    throw new IllegalArgumentException(
        "an undecodable record: "
            + (reason.value() == null
                ? "no reason given"
                : new String(reason.value(), StandardCharsets.UTF_8)));
  }
}
