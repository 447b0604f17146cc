package io.srespace.demo.policy.policies;

import java.math.BigDecimal;

/** A purchase of a priced quote. */
public record IssueRequest(
    String quoteId, String customerId, String product, BigDecimal premium, double riskScore) {}
