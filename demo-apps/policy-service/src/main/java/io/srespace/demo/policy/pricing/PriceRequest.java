package io.srespace.demo.policy.pricing;

/** What quote-service sends to be priced: the product and the customer's profile. */
public record PriceRequest(
    String customerId, String product, int age, String region, int claimsLastFiveYears) {}
