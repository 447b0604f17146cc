package io.srespace.demo.quote.quotes;

/** A customer asks for a price: {@code {"customerId":"c-42","product":"home-basic"}}. */
public record QuoteRequest(String customerId, String product) {}
