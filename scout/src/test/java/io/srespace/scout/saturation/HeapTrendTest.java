package io.srespace.scout.saturation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeapTrendTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void aFloorClimbingThroughoutIsALeakWithItsTimeToExhaustion() {
    HeapTrend trend = new HeapTrend();
    for (int report = 0; report < 12; report++) {
      double floor = 0.45 + 0.02 * report; // 0.4 % of the limit a second
      trend.add(T0.plusSeconds(5L * report), floor + 0.06 * (report % 3 == 2 ? 1 : 0));
    }
    assertThat(trend.secondsToExhaustion()).isPresent();
    assertThat(trend.secondsToExhaustion().getAsDouble()).isBetween(80.0, 95.0);
  }

  @Test
  void aStepUpThatLevelsOffIsNotALeak() {
    HeapTrend trend = new HeapTrend();
    for (int report = 0; report < 12; report++) {
      double floor = report < 6 ? 0.35 : 0.60; // requests piling up behind a slow dependency
      trend.add(T0.plusSeconds(5L * report), floor + 0.05 * (report % 2));
    }
    assertThat(trend.secondsToExhaustion()).isEmpty();
  }

  @Test
  void aFloorStuckNearTheLimitIsExhaustedNow() {
    HeapTrend trend = new HeapTrend();
    for (int report = 0; report < 12; report++) {
      trend.add(T0.plusSeconds(5L * report), report < 9 ? 0.6 : 0.93 + 0.02 * (report % 2));
    }
    assertThat(trend.secondsToExhaustion()).hasValue(0);
  }

  @Test
  void aSawToothAroundAFlatFloorIsNotALeak() {
    HeapTrend trend = new HeapTrend();
    for (int report = 0; report < 12; report++) {
      trend.add(T0.plusSeconds(5L * report), 0.55 + 0.08 * (report % 4));
    }
    assertThat(trend.secondsToExhaustion()).isEmpty();
  }
}
