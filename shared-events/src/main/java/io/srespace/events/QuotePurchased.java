package io.srespace.events;

import java.math.BigDecimal;

/** A quote became a policy: the conversion Scout watches. */
public record QuotePurchased(
    String quoteId,
    String policyId,
    String customerId,
    String product,
    BigDecimal premium,
    String currency,
    String traceId)
    implements BusinessEvent {
  public QuotePurchased {
    Fields.required(quoteId, "quoteId");
    Fields.required(policyId, "policyId");
  }
}
