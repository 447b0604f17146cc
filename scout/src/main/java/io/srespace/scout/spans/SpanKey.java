package io.srespace.scout.spans;

/**
 * What a span window is about: a service's own requests (its server spans), or the calls from one
 * service to another (its client spans). Written as {@code service|quote-service} or {@code
 * edge|quote-service|policy-service} for use as a Kafka key.
 */
public record SpanKey(String service, String peer) {
  public static SpanKey service(String service) {
    return new SpanKey(service, null);
  }

  public static SpanKey edge(String caller, String callee) {
    return new SpanKey(caller, callee);
  }

  public boolean isEdge() {
    return peer != null;
  }

  public String encode() {
    return isEdge() ? "edge|" + service + "|" + peer : "service|" + service;
  }

  public static SpanKey decode(String key) {
    String[] parts = key.split("\\|", -1);
    return switch (parts[0]) {
      case "service" -> service(parts[1]);
      case "edge" -> edge(parts[1], parts[2]);
      default -> throw new IllegalArgumentException("not a span key: " + key);
    };
  }
}
