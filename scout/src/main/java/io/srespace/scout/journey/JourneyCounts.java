package io.srespace.scout.journey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Quotes and purchases of the journey in one window, and which service reported them. */
public record JourneyCounts(long quotes, long purchases, long rejected, String service) {
  public static final JourneyCounts NONE = new JourneyCounts(0, 0, 0, "");

  /** Purchases per quote; 0 without quotes. */
  public double conversion() {
    return quotes == 0 ? 0 : Math.min(1.0, (double) purchases / quotes);
  }

  JourneyCounts plus(long moreQuotes, long morePurchases, long moreRejected, String source) {
    return new JourneyCounts(
        quotes + moreQuotes, purchases + morePurchases, rejected + moreRejected, source);
  }

  byte[] toBytes() {
    byte[] name = service.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(3 * Long.BYTES + name.length)
        .putLong(quotes)
        .putLong(purchases)
        .putLong(rejected)
        .put(name)
        .array();
  }

  static JourneyCounts fromBytes(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long quotes = buffer.getLong();
    long purchases = buffer.getLong();
    long rejected = buffer.getLong();
    byte[] name = new byte[buffer.remaining()];
    buffer.get(name);
    return new JourneyCounts(quotes, purchases, rejected, new String(name, StandardCharsets.UTF_8));
  }
}
