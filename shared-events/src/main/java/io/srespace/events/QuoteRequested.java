package io.srespace.events;

import java.math.BigDecimal;

/** A customer asked for a quote and was given a price: the first step of the journey. */
public record QuoteRequested(
    String quoteId,
    String customerId,
    String product,
    BigDecimal premium,
    String currency,
    String traceId)
    implements BusinessEvent {
  public QuoteRequested {
    Fields.required(quoteId, "quoteId");
    Fields.required(product, "product");
  }
}
