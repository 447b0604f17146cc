package io.srespace.demo.quote.quotes;

import io.opentelemetry.api.trace.Span;
import io.srespace.demo.kafka.KafkaPublisher;
import io.srespace.demo.quote.downstream.CustomerProfile;
import io.srespace.demo.quote.downstream.Downstream;
import io.srespace.demo.quote.downstream.PolicyClient;
import io.srespace.demo.quote.downstream.UserClient;
import io.srespace.events.BusinessEvent;
import io.srespace.events.Event;
import io.srespace.events.PurchaseRejected;
import io.srespace.events.QuotePurchased;
import io.srespace.events.QuoteRequested;
import io.srespace.events.topics.Topics;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The quote journey: profile from user-service, price from policy-service, purchase through
 * policy-service; each step published to {@code business-events} with the trace it ran in.
 */
@Singleton
public class QuoteService {
  private final UserClient users;
  private final PolicyClient policies;
  private final QuoteBook book;
  private final KafkaPublisher publisher;
  private final String service;

  public QuoteService(
      @RestClient UserClient users,
      @RestClient PolicyClient policies,
      QuoteBook book,
      KafkaPublisher publisher,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.users = users;
    this.policies = policies;
    this.book = book;
    this.publisher = publisher;
    this.service = service;
  }

  public Quote quote(QuoteRequest request) {
    CustomerProfile profile =
        Downstream.call("user-service", () -> users.profile(request.customerId()));
    PolicyClient.Price price =
        Downstream.call(
            "policy-service",
            () ->
                policies.price(
                    new PolicyClient.PriceRequest(
                        profile.customerId(),
                        request.product(),
                        profile.age(),
                        profile.region(),
                        profile.claimsLastFiveYears())));
    Quote quote =
        new Quote(
            "q-" + UUID.randomUUID().toString().substring(0, 12),
            profile.customerId(),
            request.product(),
            price.premium(),
            price.currency(),
            price.riskScore());
    book.add(quote);
    publish(
        new QuoteRequested(
            quote.quoteId(),
            quote.customerId(),
            quote.product(),
            quote.premium(),
            quote.currency(),
            traceId()));
    return quote;
  }

  /** Buys a quote; empty when no such quote is waiting. */
  public Optional<PurchaseOutcome> purchase(String quoteId) {
    return book.take(quoteId).map(this::purchase);
  }

  private PurchaseOutcome purchase(Quote quote) {
    PolicyClient.IssueOutcome outcome =
        Downstream.call(
            "policy-service",
            () ->
                policies.issue(
                    new PolicyClient.IssueRequest(
                        quote.quoteId(),
                        quote.customerId(),
                        quote.product(),
                        quote.premium(),
                        quote.riskScore())));
    if (outcome.issued()) {
      publish(
          new QuotePurchased(
              quote.quoteId(),
              outcome.policyId(),
              quote.customerId(),
              quote.product(),
              quote.premium(),
              quote.currency(),
              traceId()));
      return new PurchaseOutcome(quote.quoteId(), "PURCHASED", outcome.policyId(), null);
    }
    publish(
        new PurchaseRejected(
            quote.quoteId(), quote.customerId(), quote.product(), outcome.reason(), traceId()));
    return new PurchaseOutcome(quote.quoteId(), "REJECTED", null, outcome.reason());
  }

  private void publish(BusinessEvent fact) {
    publisher.publish(Topics.BUSINESS_EVENTS, service, Event.of(service, fact));
  }

  private static String traceId() {
    return Span.current().getSpanContext().getTraceId();
  }
}
