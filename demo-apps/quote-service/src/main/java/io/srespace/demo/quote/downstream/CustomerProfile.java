package io.srespace.demo.quote.downstream;

/** The part of user-service's profile that pricing needs. */
public record CustomerProfile(String customerId, int age, String region, int claimsLastFiveYears) {}
