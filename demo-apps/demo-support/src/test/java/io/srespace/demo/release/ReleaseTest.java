package io.srespace.demo.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReleaseTest {
  private static final Map<String, String> CATALOGUE =
      Map.of("1.0.0", "none", "1.1.0", "slower", "1.2.0", "fails-on-path, wrong-rule");

  @Test
  void aReleaseHasTheRegressionsItsCatalogueEntryNames() {
    assertThat(new Release("1.0.0", CATALOGUE).has(Regression.SLOWER)).isFalse();
    assertThat(new Release("1.1.0", CATALOGUE).has(Regression.SLOWER)).isTrue();
    Release broken = new Release("1.2.0", CATALOGUE);
    assertThat(broken.has(Regression.FAILS_ON_PATH)).isTrue();
    assertThat(broken.has(Regression.WRONG_RULE)).isTrue();
    assertThat(broken.has(Regression.SLOWER)).isFalse();
  }

  @Test
  void aReleaseOutsideTheCatalogueDoesNotStart() {
    assertThatThrownBy(() -> new Release("9.9.9", CATALOGUE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("9.9.9")
        .hasMessageContaining("1.0.0, 1.1.0, 1.2.0");
    assertThatThrownBy(() -> new Release("1.0.0", Map.of("1.0.0", "faster")))
        .hasMessageContaining("unknown regression 'faster'");
  }

  @Test
  void theBrokenPathFailsTheSameInputsEveryTimeAndOnlyAboutAThirdOfThem() {
    Release broken = new Release("1.2.0", CATALOGUE);
    List<String> inputs = IntStream.rangeClosed(1, 300).mapToObj(i -> "c-" + i).toList();
    List<String> failing = inputs.stream().filter(input -> fails(broken, input)).toList();

    assertThat(failing).hasSizeBetween(70, 130);
    assertThat(inputs.stream().filter(input -> fails(broken, input)).toList()).isEqualTo(failing);
    assertThat(inputs.stream().filter(input -> fails(new Release("1.0.0", CATALOGUE), input)))
        .isEmpty();
  }

  @Test
  void theSlowPathTakesItsTimeOnEveryRequest() {
    Release slow = new Release("1.1.0", CATALOGUE);
    long start = System.nanoTime();
    slow.beforeRequest("c-1");
    slow.beforeRequest("c-2");
    assertThat((System.nanoTime() - start) / 1_000_000)
        .isGreaterThanOrEqualTo(2 * Math.round(Release.SLOW_PATH_MILLIS * 0.9));
  }

  private static boolean fails(Release release, String input) {
    try {
      release.beforeRequest(input);
      return false;
    } catch (IllegalStateException e) {
      assertThat(e).hasMessageContaining("release " + release.version());
      return true;
    }
  }
}
