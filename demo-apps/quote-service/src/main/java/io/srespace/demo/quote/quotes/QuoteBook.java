package io.srespace.demo.quote.quotes;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recent quotes awaiting purchase; the oldest are forgotten beyond a fixed number, so memory stays
 * flat.
 */
@Singleton
public class QuoteBook {
  static final int CAPACITY = 50_000;

  private final Map<String, Quote> quotes =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Quote> eldest) {
          return size() > CAPACITY;
        }
      };

  public synchronized void add(Quote quote) {
    quotes.put(quote.quoteId(), quote);
  }

  public synchronized Optional<Quote> find(String quoteId) {
    return Optional.ofNullable(quotes.get(quoteId));
  }

  /** Takes a quote out for purchase, so it cannot be bought twice. */
  public synchronized Optional<Quote> take(String quoteId) {
    return Optional.ofNullable(quotes.remove(quoteId));
  }
}
