package io.srespace.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srespace.events.RemediationAction;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RemediationTest {

  private final Remediation doubling =
      new Remediation(
          RemediationAction.PULL_REQUEST, "POOL", "x2", BigDecimal.valueOf(16), "room", false);
  private final Remediation literal =
      new Remediation(RemediationAction.PULL_REQUEST, "LIMIT", "0.8", null, "reviewed", true);

  @Test
  void doublesTheCurrentValueUpToTheMax() {
    assertThat(doubling.target("4")).isEqualTo("8");
    assertThat(doubling.target(" 12 ")).isEqualTo("16");
    assertThat(doubling.refusals("8", "4")).isEmpty();
    assertThat(doubling.refusals("16", "12")).isEmpty();
  }

  @Test
  void refusesAnyOtherValueThanTheDoubledOne() {
    for (String forged : new String[] {"0", "-1", "0.5", "1E1", "16", "7", "abc"}) {
      assertThat(doubling.refusals(forged, "4")).as(forged).isNotEmpty();
    }
    assertThat(doubling.refusals("0", "4").get(0)).contains("not twice 4 capped at 16 (that is 8)");
  }

  @Test
  void cannotDoubleWhatIsMissingOrNotPositive() {
    assertThat(doubling.refusals("8", null).get(0)).contains("POOL is not set");
    assertThat(doubling.refusals("0", "0").get(0)).contains("not a positive number");
    assertThatThrownBy(() -> doubling.target("-2")).hasMessageContaining("cannot be doubled");
  }

  @Test
  void atTheMaxThereIsNothingLeftToDouble() {
    assertThat(doubling.target("16")).isEqualTo("16");
    assertThat(doubling.refusals("16", "16").get(0)).contains("already 16");
  }

  @Test
  void aLiteralAllowsOnlyTheReviewedValue() {
    assertThat(literal.target("0.00")).isEqualTo("0.8");
    assertThat(literal.refusals("0.8", "0.00")).isEmpty();
    assertThat(literal.refusals("0.80", "0.00")).isNotEmpty();
    assertThat(literal.refusals("1", "0.00").get(0)).contains("not the reviewed value 0.8");
  }

  @Test
  void describesTheRuleForPeople() {
    assertThat(doubling.describe()).isEqualTo("POOL: twice the current value, at most 16");
    assertThat(literal.describe()).isEqualTo("LIMIT: the reviewed value 0.8");
  }
}
