package io.srespace.console.charts;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One slot per bucket of a chart's span, each slot reused for a newer bucket once its own has left
 * the span: what the charts count in, with no allocation per event once every slot is made.
 */
final class Ring<S> {
  private final Buckets buckets;
  private final long[] numbers;
  private final Object[] slots;
  private final Supplier<S> fresh;
  private final Consumer<S> emptied;

  /** {@code fresh} makes a slot, {@code emptied} empties one for reuse. */
  Ring(Buckets buckets, Supplier<S> fresh, Consumer<S> emptied) {
    this.buckets = buckets;
    this.numbers = new long[buckets.count()];
    this.slots = new Object[buckets.count()];
    this.fresh = fresh;
    this.emptied = emptied;
    Arrays.fill(numbers, Long.MIN_VALUE);
  }

  /** The slot of bucket {@code number}, emptied first when it last held an older bucket. */
  S slot(long number) {
    int index = buckets.index(number);
    if (slots[index] == null) {
      slots[index] = fresh.get();
    } else if (numbers[index] != number) {
      emptied.accept(at(index));
    }
    numbers[index] = number;
    return at(index);
  }

  /** What bucket {@code number} holds, or null when its slot holds none of it. */
  S holding(long number) {
    int index = buckets.index(number);
    return numbers[index] == number ? at(index) : null;
  }

  @SuppressWarnings("unchecked")
  private S at(int index) {
    return (S) slots[index];
  }
}
