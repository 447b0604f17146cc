package io.srespace.events;

/** The critical user journey as the demo apps publish it on {@code business-events}. */
public sealed interface BusinessEvent extends EventPayload
    permits QuoteRequested, QuotePurchased, PurchaseRejected {}
