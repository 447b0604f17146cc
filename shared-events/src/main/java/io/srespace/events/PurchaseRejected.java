package io.srespace.events;

/** A purchase was refused by a business rule (not an error): the quiet way a journey breaks. */
public record PurchaseRejected(
    String quoteId, String customerId, String product, String reason, String traceId)
    implements BusinessEvent {
  public PurchaseRejected {
    Fields.required(quoteId, "quoteId");
    Fields.required(reason, "reason");
  }
}
