package io.srespace.scout.detection;

import static io.srespace.scout.detection.RobustDetector.Transition.CLEARED;
import static io.srespace.scout.detection.RobustDetector.Transition.FIRED;
import static io.srespace.scout.detection.RobustDetector.Transition.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.srespace.scout.detection.RobustDetector.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RobustDetectorTest {
  private final SplittableRandom random = new SplittableRandom(42);

  /** Latency p95 of a healthy service: ~8 ms with noise and an occasional lone spike. */
  private double healthyLatency() {
    double value = 8 + 2 * random.nextGaussian(0, 1);
    return random.nextDouble() < 0.02 ? value * 6 : Math.max(1, value);
  }

  @Test
  void naturalNoiseAndLoneSpikesNeverFire() {
    RobustDetector detector = new RobustDetector(DetectorSettings.latency());
    List<Transition> transitions = new ArrayList<>();

    for (int window = 0; window < 5_000; window++) {
      transitions.add(detector.observe(healthyLatency()));
    }

    assertThat(transitions).containsOnly(NONE);
  }

  @Test
  void aMarginalLatencyStepFiresOnItsSecondWindowAndClearsAfterThreeNormalOnes() {
    RobustDetector detector = new RobustDetector(DetectorSettings.latency());
    for (int window = 0; window < 40; window++) {
      detector.observe(healthyLatency());
    }

    assertThat(detector.observe(350)).isEqualTo(NONE);
    assertThat(detector.observe(370)).isEqualTo(FIRED);
    assertThat(detector.firing()).isTrue();
    assertThat(detector.observe(360)).isEqualTo(NONE);
    assertThat(detector.observe(8)).isEqualTo(NONE);
    assertThat(detector.observe(9)).isEqualTo(NONE);
    assertThat(detector.observe(7)).isEqualTo(CLEARED);
    assertThat(detector.baseline()).isBetween(6.0, 10.0);
  }

  @Test
  void aWindowFarPastTheThresholdFiresAtOnce() {
    RobustDetector latency = new RobustDetector(DetectorSettings.latency());
    RobustDetector errors = new RobustDetector(DetectorSettings.errorRate());
    for (int window = 0; window < 40; window++) {
      latency.observe(healthyLatency());
      errors.observe(0.0);
    }

    assertThat(latency.judge(850))
        .isEqualTo(new RobustDetector.Verdict(latency.baseline(), FIRED, true));
    assertThat(errors.observe(0.29)).isEqualTo(NONE);
    assertThat(errors.observe(0.0)).isEqualTo(NONE);
    assertThat(errors.observe(0.31)).isEqualTo(FIRED);
  }

  @Test
  void aMarginalSignalFlappingEveryWindowDoesNotFire() {
    RobustDetector detector = new RobustDetector(DetectorSettings.errorRate());
    for (int window = 0; window < 20; window++) {
      detector.observe(0.0);
    }
    List<Transition> transitions = new ArrayList<>();

    for (int window = 0; window < 200; window++) {
      transitions.add(detector.observe(window % 2 == 0 ? 0.25 : 0.0));
    }

    assertThat(transitions).containsOnly(NONE);
  }

  @Test
  void nothingFiresDuringWarmUp() {
    RobustDetector detector = new RobustDetector(DetectorSettings.errorRate());

    for (int window = 0; window < 6; window++) {
      assertThat(detector.observe(1.0)).isEqualTo(NONE);
    }
    assertThat(detector.warmedUp()).isTrue();
  }

  @Test
  void aBreachedSloFiresEvenOverANoisyBaseline() {
    RobustDetector detector = new RobustDetector(DetectorSettings.errorRate());
    for (int window = 0; window < 30; window++) {
      detector.observe(window % 3 == 0 ? 0.15 : 0.0);
    }

    assertThat(detector.threshold()).isLessThanOrEqualTo(0.20);
    detector.observe(0.25);
    assertThat(detector.observe(0.28)).isEqualTo(FIRED);
  }

  @Test
  void stateSurvivesTheStateStore() {
    RobustDetector detector = new RobustDetector(DetectorSettings.latency());
    for (int window = 0; window < 12; window++) {
      detector.observe(healthyLatency());
    }
    detector.observe(400);

    RobustDetector restored =
        RobustDetector.fromBytes(DetectorSettings.latency(), detector.toBytes());

    assertThat(restored.baseline()).isEqualTo(detector.baseline());
    assertThat(restored.threshold()).isEqualTo(detector.threshold());
    assertThat(restored.observe(400)).isEqualTo(FIRED);
  }
}
