package io.srespace.brain.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RobustStatsTest {

  @Test
  void aLargeShiftSeenInFiveSpansIsNotCertainButInFiftyItIs() {
    double[] fiveBaseline = RobustStats.sorted(new double[] {8, 9, 10, 11, 12});
    double[] fiftyBaseline = new double[50];
    for (int i = 0; i < 50; i++) {
      fiftyBaseline[i] = 8 + (i % 5);
    }
    fiftyBaseline = RobustStats.sorted(fiftyBaseline);

    double thin = RobustStats.rankSumZ(fiveBaseline, List.of(70.0, 74.0, 80.0, 90.0, 75.0));
    double thick = RobustStats.rankSumZ(fiftyBaseline, List.of(70.0, 74.0, 80.0, 90.0, 75.0));

    assertThat(RobustStats.zAbove(75, fiveBaseline, 0.1, 0)).isGreaterThan(30);
    assertThat(thin).isLessThan(3);
    assertThat(thick).isGreaterThan(3.5);
    assertThat(RobustStats.rankSumZ(fiftyBaseline, List.of(8.0, 9.0, 10.0, 11.0, 12.0)))
        .isBetween(-0.5, 0.5);
  }
}
