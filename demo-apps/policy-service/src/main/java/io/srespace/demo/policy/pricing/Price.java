package io.srespace.demo.policy.pricing;

import java.math.BigDecimal;

/** A premium and the risk score it was priced at. */
public record Price(BigDecimal premium, String currency, double riskScore) {}
