package io.srespace.demo.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrafficSettingsTest {
  @Test
  void defaultsAreASteadyFiftyJourneysASecondForever() {
    TrafficSettings settings = TrafficSettings.parse();

    assertThat(settings.journeysPerSecond()).isEqualTo(50);
    assertThat(settings.purchaseRatio()).isEqualTo(0.3);
    assertThat(settings.duration()).isEqualTo(Duration.ZERO);
    assertThat(settings.target().toString()).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void badArgumentsAreExplained() {
    assertThatThrownBy(() -> TrafficSettings.parse("--rate", "-3"))
        .hasMessage("--rate must be above 0 and at most 10000");
    assertThatThrownBy(() -> TrafficSettings.parse("--rate", "lots"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> TrafficSettings.parse("--speed", "9"))
        .hasMessage("unknown option --speed");
  }

  @Test
  void percentilesComeFromTheRecordedLatencies() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int millis = 1; millis <= 100; millis++) {
      histogram.record(millis);
    }

    assertThat(histogram.percentile(0.5)).isEqualTo(50);
    assertThat(histogram.percentile(0.95)).isEqualTo(95);
    assertThat(histogram.percentile(0.99)).isEqualTo(99);
    assertThat(new LatencyHistogram().percentile(0.5)).isZero();
  }
}
