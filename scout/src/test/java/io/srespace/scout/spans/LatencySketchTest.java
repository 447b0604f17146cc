package io.srespace.scout.spans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencySketchTest {
  @Test
  void quantilesAreWithinTwoPercentOfTheExactValue() {
    SplittableRandom random = new SplittableRandom(7);
    long[] values = new long[100_000];
    LatencySketch sketch = new LatencySketch();
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.exp(7 + 1.2 * random.nextGaussian(0, 1)); // log-normal, median ~1 ms
      sketch.add(values[i]);
    }
    Arrays.sort(values);

    for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
      double exact = values[(int) Math.ceil(q * values.length) - 1];
      assertThat(sketch.quantile(q)).as("q=" + q).isCloseTo(exact, within(exact * 0.021));
    }
  }

  @Test
  void mergingSketchesEqualsSketchingEverything() {
    LatencySketch left = new LatencySketch();
    LatencySketch right = new LatencySketch();
    LatencySketch all = new LatencySketch();
    for (long micros = 1; micros < 50_000; micros += 37) {
      (micros % 2 == 0 ? left : right).add(micros);
      all.add(micros);
    }

    assertThat(left.merge(right)).isEqualTo(all);
  }

  @Test
  void survivesItsByteEncoding() {
    LatencySketch sketch = new LatencySketch();
    sketch.add(1);
    sketch.add(12_345);
    sketch.add(99_999_999_999L);

    LatencySketch read = LatencySketch.fromBytes(ByteBuffer.wrap(sketch.toBytes()));

    assertThat(read).isEqualTo(sketch);
    assertThat(read.count()).isEqualTo(3);
    assertThat(new LatencySketch().quantile(0.5)).isZero();
  }
}
