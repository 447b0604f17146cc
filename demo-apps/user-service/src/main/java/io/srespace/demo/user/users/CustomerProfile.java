package io.srespace.demo.user.users;

/** What the insurer knows of a customer when pricing a policy. */
public record CustomerProfile(
    String customerId,
    String name,
    int age,
    String region,
    int claimsLastFiveYears,
    int customerSince) {}
