package io.srespace.demo.quote.quotes;

/** PURCHASED with the policy id, or REJECTED with the insurer's reason. */
public record PurchaseOutcome(String quoteId, String status, String policyId, String reason) {}
