package io.srespace.scout.saturation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class HeapTrendTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void aFloorClimbingThroughoutIsALeakWithItsTimeToExhaustion() {
    // 0.2 % of the limit a second, under a saw-tooth of young collections
    HeapTrend trend = reports(report -> 0.40 + 0.01 * report + 0.06 * (report % 3 == 2 ? 1 : 0));
    assertThat(trend.secondsToExhaustion()).isPresent();
    assertThat(trend.secondsToExhaustion().getAsDouble()).isBetween(190.0, 210.0);
  }

  @Test
  void aStepUpThatLevelsOffIsNotALeak() {
    // requests piling up behind a slow dependency hold more memory, then no more
    HeapTrend trend = reports(report -> (report < 12 ? 0.35 : 0.60) + 0.05 * (report % 2));
    assertThat(trend.secondsToExhaustion()).isEmpty();
  }

  @Test
  void aFloorStuckNearTheLimitIsExhaustedNow() {
    HeapTrend trend = reports(report -> report < 21 ? 0.6 : 0.93 + 0.02 * (report % 2));
    assertThat(trend.secondsToExhaustion()).hasValue(0);
  }

  @Test
  void aSawToothAroundAFlatFloorIsNotALeak() {
    HeapTrend trend = reports(report -> 0.55 + 0.08 * (report % 4));
    assertThat(trend.secondsToExhaustion()).isEmpty();
  }

  @Test
  void aTrendKeptWithTwelveSamplesIsReadBackAndGrowsToTheFullHistory() {
    ByteBuffer twelve = ByteBuffer.allocate(Integer.BYTES + 2 * 12 * Double.BYTES).putInt(12);
    for (int report = 0; report < 12; report++) {
      twelve.putDouble(T0.getEpochSecond() + 5.0 * report).putDouble(0.4 + 0.01 * report);
    }
    HeapTrend read = HeapTrend.fromBytes(twelve.array());
    assertThat(read.lowest()).isEqualTo(0.4);
    assertThat(read.secondsToExhaustion()).as("not judged on half a history").isEmpty();

    for (int report = 12; report < HeapTrend.SAMPLES; report++) {
      read.add(T0.plusSeconds(5L * report), 0.4 + 0.01 * report);
    }
    assertThat(HeapTrend.fromBytes(read.toBytes()).secondsToExhaustion()).isPresent();
  }

  private static HeapTrend reports(IntToDoubleFunction ratioAt) {
    HeapTrend trend = new HeapTrend();
    for (int report = 0; report < HeapTrend.SAMPLES; report++) {
      trend.add(T0.plusSeconds(5L * report), ratioAt.applyAsDouble(report));
    }
    return trend;
  }
}
