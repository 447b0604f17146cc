package io.srespace.demo.quote.quotes;

import java.math.BigDecimal;

/** A priced offer, valid for purchase by its id. */
public record Quote(
    String quoteId,
    String customerId,
    String product,
    BigDecimal premium,
    String currency,
    double riskScore) {}
