package io.srespace.brain.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SurpriseTest {

  @Test
  void aRateLearntFromFiveSpansDoesNotMakeASmallChangeCertain() {
    double thin = Surprise.z(5, 5, 48, 62);
    double thick = Surprise.z(500, 500, 48, 62);

    assertThat(thin).isNegative().isGreaterThan(-3);
    assertThat(thick).isLessThan(-6);
  }

  @Test
  void aCommonBehaviourDroppingToZeroIsDecisiveAndNoChangeIsNothing() {
    assertThat(Surprise.z(44, 100, 0, 50)).isLessThan(-6);
    assertThat(Surprise.z(0, 100, 30, 50)).isGreaterThan(6);
    assertThat(Surprise.z(40, 100, 20, 50)).isZero();
  }

  @Test
  void tailProbabilitiesBecomeTheMatchingNormalZ() {
    assertThat(Surprise.zOfLogTail(Math.log(0.00135))).isCloseTo(3.0, within(0.1));
    assertThat(Surprise.zOfLogTail(Math.log(2.9e-7))).isCloseTo(5.0, within(0.1));
    assertThat(Surprise.zOfLogTail(Math.log(0.6))).isZero();
    assertThat(Surprise.logGamma(5)).isCloseTo(Math.log(24), within(1e-9));
  }
}
